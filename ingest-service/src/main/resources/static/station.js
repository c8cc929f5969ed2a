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

	// Set when the page is being left (the logout form, a link): a live update answered
	// 401 because the logout has just ended the session must not send the browser to
	// "session ended" instead of where it is going. Still here 10 s later, the navigation
	// did not happen: updates count again (the board must never look live when it is not).
	var leaving = false;
	window.addEventListener('beforeunload', function () {
		leaving = true;
		setTimeout(function () {
			leaving = false;
		}, 10000);
	});

	function loggedOut(response) {
		if (leaving) {
			return true;
		}
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
				var state = board.querySelector('[data-state]');
				if (forms && state && state.getAttribute('data-state') !== forms.getAttribute('data-state')) {
					document.getElementById('forms-stale').hidden = false;
				}
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

	function call(method, url, body) {
		var init = { method: method, headers: headers({}), credentials: 'same-origin' };
		if (body !== undefined) {
			init.headers['Content-Type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		return fetch(url, init).then(function (response) {
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

	// The bed page's forms. Each builds one call of the REST API (the same call an
	// integration makes, with the same rules and audit); a refusal is shown in words
	// under the form, a success after the page has loaded again.
	var forms = document.getElementById('forms');

	function value(form, selector) {
		var element = form.querySelector(selector);
		return element ? element.value.trim() : '';
	}

	function number(text, what) {
		var n = Number(text);
		if (text === '' || !isFinite(n)) {
			throw new Error(what + ' must be a number.');
		}
		return n;
	}

	function pickedDevices(form) {
		var devices = [];
		form.querySelectorAll('input[name=device]:checked').forEach(function (box) {
			devices.push(box.value);
		});
		value(form, 'input[name=other]').split(/[\s,;]+/).filter(Boolean).forEach(function (device) {
			if (devices.indexOf(device) < 0) {
				devices.push(device);
			}
		});
		return devices;
	}

	function bedPage(ward, bed) {
		return '/station/wards/' + encodeURIComponent(ward) + '/beds/' + encodeURIComponent(bed);
	}

	var requests = {
		admit: function (form) {
			var patient = form.getAttribute('data-patient') || value(form, '#admit-patient');
			if (!patient) {
				throw new Error('Enter the patient\'s pseudonym.');
			}
			var devices = pickedDevices(form);
			if (devices.length === 0) {
				throw new Error('Pick at least one device, or type its id.');
			}
			var ward = form.getAttribute('data-ward');
			var bed = form.getAttribute('data-bed');
			return {
				method: 'PUT', url: '/api/assignments',
				body: { patient: patient, ward: ward, bed: bed, devices: devices },
				done: (form.getAttribute('data-patient') ? 'Added ' : 'Admitted ' + patient + ' with ')
					+ devices.join(', ') + ' in bed ' + bed + '.',
				refused: (form.getAttribute('data-patient') ? 'Not added: ' : 'Not admitted: ')
			};
		},
		transfer: function (form) {
			var target = value(form, '#transfer-bed');
			if (!target) {
				throw new Error('Choose the bed to move the patient to.');
			}
			var slash = target.indexOf('/');
			var ward = target.substring(0, slash);
			var bed = target.substring(slash + 1);
			return {
				method: 'PUT', url: '/api/assignments',
				body: {
					patient: form.getAttribute('data-patient'), ward: ward, bed: bed,
					devices: form.getAttribute('data-devices').split(' ').filter(Boolean)
				},
				done: 'Transferred ' + form.getAttribute('data-patient') + ' to ' + ward + ' bed ' + bed + '.',
				refused: 'Not transferred: ',
				next: bedPage(ward, bed)
			};
		},
		observe: function (form) {
			var at = value(form, '#obs-at');
			var when = new Date(at);
			if (!at || isNaN(when.getTime())) {
				throw new Error('Enter when the observations were made.');
			}
			var body = { observedAt: when.toISOString() };
			var consciousness = value(form, '#obs-acvpu');
			if (consciousness) {
				body.consciousness = consciousness;
			}
			var oxygen = form.querySelector('input[name=oxygen]:checked');
			if (oxygen && oxygen.value) {
				body.oxygen = oxygen.value === 'true';
			}
			if (value(form, '#obs-o2-device')) {
				body.oxygenDevice = value(form, '#obs-o2-device');
			}
			if (value(form, '#obs-o2-flow')) {
				body.oxygenFlow = number(value(form, '#obs-o2-flow'), 'Oxygen flow');
			}
			var values = {};
			form.querySelectorAll('input[data-parameter]').forEach(function (input) {
				if (input.value.trim()) {
					values[input.getAttribute('data-parameter')] = number(input.value.trim(),
						form.querySelector('label[for="' + input.id + '"]').textContent);
				}
			});
			if (Object.keys(values).length > 0) {
				body.values = values;
			}
			return {
				method: 'POST', url: '/api/patients/' + encodeURIComponent(form.getAttribute('data-patient')) + '/observations',
				body: body, done: 'Observations recorded.', refused: 'Not recorded: '
			};
		},
		scale: function (form) {
			var scale = Number(value(form, '#scale-choice'));
			return {
				method: 'PUT', url: '/api/patients/' + encodeURIComponent(form.getAttribute('data-patient')) + '/spo2-scale',
				body: { scale: scale }, done: 'SpO2 scale ' + scale + ' prescribed.', refused: 'Not changed: '
			};
		},
		limits: function (form, submitter) {
			var parameter = value(form, '#limit-parameter');
			var url = '/api/patients/' + encodeURIComponent(form.getAttribute('data-patient')) + '/thresholds/'
				+ encodeURIComponent(parameter);
			if (submitter && submitter.value === 'default') {
				return { method: 'DELETE', url: url, done: parameter + ': back to the default limits.', refused: 'Not changed: ' };
			}
			var body = { enabled: form.querySelector('#limit-enabled').checked };
			form.querySelectorAll('input[data-limit]').forEach(function (input) {
				if (input.value.trim()) {
					body[input.getAttribute('data-limit')] = number(input.value.trim(),
						form.querySelector('label[for="' + input.id + '"]').textContent);
				}
			});
			if (value(form, '#limit-delay')) {
				body.delaySeconds = number(value(form, '#limit-delay'), 'The alarm delay');
			}
			return { method: 'PUT', url: url, body: body, done: parameter + ': limits changed.', refused: 'Not changed: ' };
		}
	};

	// after an action the page loads again (its forms show the new state) and says what was done
	function finished(text, next) {
		try {
			sessionStorage.setItem('station-result', text);
		}
		catch (e) {
			// no storage: the page shows the new state without the sentence
		}
		if (next) {
			window.location.assign(next);
		}
		else {
			window.location.reload();
		}
	}

	document.addEventListener('submit', function (event) {
		var form = event.target;
		var action = form.getAttribute('data-action');
		if (!action || !requests[action]) {
			return; // login, logout, accounts: plain forms
		}
		event.preventDefault();
		var output = form.querySelector('.form-result');
		var show = function (text) {
			output.textContent = text;
			output.classList.add('failure');
		};
		var request;
		try {
			request = requests[action](form, event.submitter);
		}
		catch (e) {
			show(e.message);
			return;
		}
		var buttons = form.querySelectorAll('button');
		buttons.forEach(function (b) { b.disabled = true; });
		output.textContent = 'Sending…';
		output.classList.remove('failure');
		call(request.method, request.url, request.body).then(function (response) {
			if (response.ok) {
				finished(request.done, request.next);
				return;
			}
			return Promise.resolve(explain(response)).then(function (text) {
				show(request.refused + text);
			});
		}).catch(function (e) {
			if (e.message !== 'logged out') {
				show('The service could not be reached; nothing was sent. Try again.');
			}
		}).finally(function () {
			buttons.forEach(function (b) { b.disabled = false; });
		});
	});

	// the limits form shows the limits in force of the parameter chosen
	document.addEventListener('change', function (event) {
		if (event.target.id !== 'limit-parameter') {
			return;
		}
		var option = event.target.selectedOptions[0];
		var form = event.target.form;
		['critical-low', 'low', 'high', 'critical-high'].forEach(function (name) {
			form.querySelector('#limit-' + name).value = option.getAttribute('data-' + name) || '';
		});
		form.querySelector('#limit-delay').value = option.getAttribute('data-delay') || '';
		form.querySelector('#limit-enabled').checked = option.getAttribute('data-enabled') !== 'false';
	});

	function pad(n) {
		return (n < 10 ? '0' : '') + n;
	}

	// observations are made now unless the nurse says otherwise (local time of the ward)
	var observedAt = document.getElementById('obs-at');
	if (observedAt && !observedAt.value) {
		var now = new Date();
		observedAt.value = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate()) + 'T'
			+ pad(now.getHours()) + ':' + pad(now.getMinutes());
	}

	try {
		var previous = sessionStorage.getItem('station-result');
		if (previous && result) {
			sessionStorage.removeItem('station-result');
			say(previous, false);
		}
	}
	catch (e) {
		// no storage
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
					if (forms) {
						finished('Discharged.');
					}
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
