// Ward station: the board's live update and its action buttons. Written for this
// project, no library, no build step. Without it the board still shows, as of loading.
(function () {
	'use strict';
	var meta = function (name) {
		var m = document.querySelector('meta[name="' + name + '"]');
		return m ? m.getAttribute('content') : null;
	};
	var board = document.getElementById('board');
	var connection = document.getElementById('connection');
	var result = document.getElementById('action-result');
	var lastUpdate = new Date();
	// confirmations the user has opened: a live update must not close them under her
	var opened = {};

	function headers(extra) {
		var h = { 'X-Requested-With': 'fetch' };
		var name = meta('_csrf_header');
		if (name) {
			h[name] = meta('_csrf');
		}
		for (var k in extra) {
			h[k] = extra[k];
		}
		return h;
	}

	function loggedOut(response) {
		if (response.status === 401) {
			window.location.assign('/login?expired');
			return true;
		}
		return false;
	}

	// The board never pretends to be live: when an update fails it says since when it is old.
	function refresh() {
		if (!board) {
			return Promise.resolve();
		}
		return fetch(board.getAttribute('data-refresh-url'), {
			headers: headers({ 'X-Station-Poll': '1' }), credentials: 'same-origin', cache: 'no-store'
		}).then(function (response) {
			if (loggedOut(response)) {
				return;
			}
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			return response.text().then(function (html) {
				var focus = focusKey(document.activeElement);
				board.innerHTML = html;
				if (focus) {
					var again = board.querySelector(focus);
					if (again) {
						again.focus();
					}
				}
				Object.keys(opened).forEach(function (id) {
					var confirm = document.getElementById(id);
					if (confirm) {
						confirm.hidden = false;
					}
					else {
						delete opened[id];
					}
				});
				lastUpdate = new Date();
				connection.textContent = 'Live: updated ' + lastUpdate.toLocaleTimeString();
				connection.classList.remove('lost');
			});
		}).catch(function () {
			connection.textContent = 'Connection lost: this board shows the state of '
				+ lastUpdate.toLocaleTimeString() + ' and is not being updated.';
			connection.classList.add('lost');
		});
	}

	// A live update replaces the beds; a keyboard user keeps her place: the focused
	// control is found again by what it acts on.
	function focusKey(element) {
		if (!element || !board.contains(element)) {
			return null;
		}
		var attributes = ['data-url', 'aria-controls', 'data-devices', 'href'];
		for (var i = 0; i < attributes.length; i++) {
			var value = element.getAttribute(attributes[i]);
			if (value) {
				return element.tagName.toLowerCase() + '[' + attributes[i] + '="' + CSS.escape(value) + '"]';
			}
		}
		return null;
	}

	function call(method, url) {
		return fetch(url, { method: method, headers: headers({}), credentials: 'same-origin' }).then(function (response) {
			if (loggedOut(response)) {
				throw new Error('logged out');
			}
			return response;
		});
	}

	function say(text, failed) {
		result.textContent = text;
		result.classList.toggle('failure', !!failed);
	}

	function explain(response) {
		if (response.status === 403) {
			return 'Not allowed for your role (HTTP 403).';
		}
		return response.text().then(function (body) {
			try {
				return JSON.parse(body).detail || ('HTTP ' + response.status);
			}
			catch (e) {
				return 'HTTP ' + response.status;
			}
		});
	}

	document.addEventListener('click', function (event) {
		var button = event.target.closest('button');
		if (!button) {
			return;
		}
		if (button.classList.contains('discharge-start')) {
			var id = button.getAttribute('aria-controls');
			var confirm = document.getElementById(id);
			confirm.hidden = !confirm.hidden;
			if (confirm.hidden) {
				delete opened[id];
			}
			else {
				opened[id] = true;
			}
			button.setAttribute('aria-expanded', 'true');
			return;
		}
		if (button.classList.contains('acknowledge')) {
			button.disabled = true;
			call('POST', button.getAttribute('data-url')).then(function (response) {
				return Promise.resolve(response.ok ? 'Alarm acknowledged.' : explain(response)).then(function (text) {
					say(text, !response.ok);
				});
			}).finally(refresh);
			return;
		}
		if (button.classList.contains('discharge')) {
			button.disabled = true;
			delete opened[button.parentElement.id];
			var devices = button.getAttribute('data-devices').split(' ').filter(Boolean);
			Promise.all(devices.map(function (device) {
				return call('DELETE', '/api/assignments/' + encodeURIComponent(device));
			})).then(function (responses) {
				var failed = responses.filter(function (r) { return !r.ok; });
				if (failed.length === 0) {
					say('Discharged.', false);
					return;
				}
				return Promise.resolve(explain(failed[0])).then(function (text) {
					say('Discharge refused: ' + text, true);
				});
			}).finally(refresh);
		}
	});

	if (board) {
		var every = parseInt(board.getAttribute('data-refresh-ms'), 10) || 5000;
		setInterval(refresh, every);
	}
	window.station = { refresh: refresh };
}());
