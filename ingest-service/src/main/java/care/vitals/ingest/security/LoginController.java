package care.vitals.ingest.security;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
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

	private final OidcProperties oidc;

	LoginController(OidcProperties oidc) {
		this.oidc = oidc;
	}

	@GetMapping("/login")
	String login(HttpSession session, Model model,
			@org.springframework.web.bind.annotation.RequestParam(name = "sso", required = false) String sso) {
		if (this.oidc.enabled()) {
			model.addAttribute("sso", this.oidc.label());
		}
		Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		if (failure instanceof OAuth2AuthenticationException refused) {
			model.addAttribute("failure", OidcLogin.refusal(refused.getError().getErrorCode()));
		}
		else if (sso != null && failure instanceof AuthenticationException) {
			model.addAttribute("failure", OidcLogin.refusal(""));
		}
		else if (failure instanceof ThrottledAuthentication.LoginThrottledException throttled) {
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
