package care.vitals.ingest.security;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page. A failed login says why in words a nurse can act on, without telling
 * whether the user name exists.
 */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(HttpSession session, Model model) {
		Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		if (failure instanceof ThrottledAuthentication.LoginThrottledException throttled) {
			model.addAttribute("failure", "Too many failed logins. Try again in "
					+ ThrottledAuthentication.LoginThrottledException.minutes(throttled.remaining()) + ".");
		}
		else if (failure instanceof AuthenticationException) {
			model.addAttribute("failure", "Wrong user name or password.");
		}
		session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		return "login";
	}

}
