package care.vitals.ingest.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session after {@code idleTimeout} without a user action (HIPAA
 * §164.312(a)(2)(iii), automatic logoff). The container's own session timeout cannot do
 * it: the board's live update calls the server every few seconds and would keep an
 * unattended tablet logged in forever. So the time of the last <em>action</em> is kept in
 * the session, and a request marked with {@value SecurityConfiguration#POLL_HEADER} (the
 * live update) does not move it. The first request after the timeout finds the session
 * ended: a page is sent to the login page with "session ended", a script call gets 401.
 */
final class IdleSessionFilter extends OncePerRequestFilter {

	static final String LAST_ACTION = IdleSessionFilter.class.getName() + ".lastAction";

	private final Duration idleTimeout;

	private final Clock clock;

	IdleSessionFilter(Duration idleTimeout, Clock clock) {
		this.idleTimeout = idleTimeout;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Instant now = Instant.now(this.clock);
		if (session != null) {
			Instant last = (Instant) session.getAttribute(LAST_ACTION);
			if (last != null && !now.isBefore(last.plus(this.idleTimeout))) {
				session.invalidate();
				SecurityContextHolder.clearContext();
				if (request.getHeader(SecurityConfiguration.SCRIPT_HEADER) != null) {
					response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "session ended after inactivity");
				}
				else {
					response.sendRedirect(request.getContextPath() + "/login?expired");
				}
				return;
			}
			if (request.getHeader(SecurityConfiguration.POLL_HEADER) == null) {
				session.setAttribute(LAST_ACTION, now);
			}
		}
		chain.doFilter(request, response);
	}

}
