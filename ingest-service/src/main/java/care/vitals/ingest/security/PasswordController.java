package care.vitals.ingest.security;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every logged-in person changes their own password: the current one, then the new one
 * twice (at least {@value Account#MIN_PASSWORD_LENGTH} characters). The current password
 * is checked through the same throttled authentication as a login, so guessing it from an
 * unattended session is throttled and logged like guessing a login. Every change and
 * every refusal is written to the audit log ({@code care.vitals.ingest.security.audit})
 * with the account and the client address.
 */
@Controller
class PasswordController {

	private static final Log audit = LogFactory.getLog("care.vitals.ingest.security.audit");

	private final Accounts accounts;

	private final AccountStore store;

	private final AuthenticationManager authentication;

	private final AdminProperties integration;

	PasswordController(Accounts accounts, AccountStore store, AuthenticationManager authentication,
			AdminProperties integration) {
		this.accounts = accounts;
		this.store = store;
		this.authentication = authentication;
		this.integration = integration;
	}

	@GetMapping("/station/password")
	String form(Model model, Authentication user) {
		model.addAttribute("user", user.getName());
		model.addAttribute("sso", user instanceof OAuth2AuthenticationToken);
		model.addAttribute("personal", !(user instanceof OAuth2AuthenticationToken) && personal(user.getName()));
		return "password";
	}

	@PostMapping("/station/password")
	String change(@RequestParam String current, @RequestParam String password, @RequestParam String repeat,
			Authentication user, HttpServletRequest request, RedirectAttributes result) {
		String who = ThrottledAuthentication.printable(user.getName());
		String client = request.getRemoteAddr();
		String refusal = (user instanceof OAuth2AuthenticationToken)
				? "Your password is managed by the hospital's single sign-on."
				: refusal(user.getName(), current, password, repeat, request);
		if (refusal != null) {
			audit.warn("password change refused (" + refusal + "): " + who + " from " + client);
			result.addFlashAttribute("failure", refusal);
			return "redirect:/station/password";
		}
		try {
			this.accounts.changeOwnPassword(user.getName(), password);
		}
		catch (IllegalArgumentException ex) {
			audit.warn("password change refused (" + ex.getMessage() + "): " + who + " from " + client);
			result.addFlashAttribute("failure", "Not changed: " + ex.getMessage() + ".");
			return "redirect:/station/password";
		}
		audit.info("password changed: " + who + " from " + client);
		result.addFlashAttribute("done", "Your password has been changed. Use the new one from your next login.");
		return "redirect:/station/password";
	}

	/** Why the change is refused, in words, or {@code null}. */
	private String refusal(String username, String current, String password, String repeat,
			HttpServletRequest request) {
		if (!personal(username)) {
			return "This account's password is set in the service's configuration (INGEST_ADMIN_PASSWORD).";
		}
		UsernamePasswordAuthenticationToken check = UsernamePasswordAuthenticationToken.unauthenticated(username,
				current);
		check.setDetails(new WebAuthenticationDetails(request));
		try {
			this.authentication.authenticate(check);
		}
		catch (ThrottledAuthentication.LoginThrottledException ex) {
			return "Too many wrong passwords. Try again in "
					+ ThrottledAuthentication.LoginThrottledException.minutes(ex.remaining()) + ".";
		}
		catch (AuthenticationException ex) {
			return "The current password is wrong.";
		}
		if (password.length() < Account.MIN_PASSWORD_LENGTH) {
			return "The new password must have at least " + Account.MIN_PASSWORD_LENGTH + " characters.";
		}
		if (!password.equals(repeat)) {
			return "The new password and its repetition differ.";
		}
		if (password.equals(current)) {
			return "The new password must differ from the current one.";
		}
		return null;
	}

	/**
	 * A personal account of the accounts file (the integration account's password is
	 * configuration, and it wins over a personal account of the same name).
	 */
	private boolean personal(String username) {
		if (this.integration.configured() && this.integration.username().equals(username)) {
			return false;
		}
		return this.store.all().stream().anyMatch((a) -> a.username().equals(username));
	}

}
