package care.vitals.ingest.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's page of accounts: add one (with a first password the person changes
 * through the administrator or the {@code account} command today), set a new password,
 * disable and enable. Plain HTML forms with their CSRF token; every change is logged with
 * the administrator's name.
 */
@Controller
class AccountsController {

	private static final Log logger = LogFactory.getLog(AccountsController.class);

	private final Accounts accounts;

	AccountsController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/station/accounts")
	String list(Model model, Authentication user) {
		model.addAttribute("user", user.getName());
		model.addAttribute("accounts", this.accounts.all());
		model.addAttribute("roles", List.of(Role.values()));
		return "accounts";
	}

	@PostMapping("/station/accounts")
	String add(@RequestParam String username, @RequestParam String password,
			@RequestParam(name = "role", required = false) List<String> roles, Authentication user,
			RedirectAttributes result) {
		return change(result, user, () -> {
			Set<Role> chosen = EnumSet.noneOf(Role.class);
			if (roles != null) {
				roles.forEach((code) -> chosen
					.add(Role.fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown role " + code))));
			}
			Account added = this.accounts.add(username.trim(), password, chosen);
			return "Added " + added.username() + ".";
		});
	}

	@PostMapping("/station/accounts/{username}/password")
	String password(@PathVariable String username, @RequestParam String password, Authentication user,
			RedirectAttributes result) {
		return change(result, user,
				() -> "New password set for " + this.accounts.resetPassword(username, password).username() + ".");
	}

	@PostMapping("/station/accounts/{username}/enabled")
	String enabled(@PathVariable String username, @RequestParam boolean enabled, Authentication user,
			RedirectAttributes result) {
		if (!enabled && username.equals(user.getName())) {
			result.addFlashAttribute("failure", "You cannot disable your own account.");
			return "redirect:/station/accounts";
		}
		return change(result, user,
				() -> (this.accounts.enable(username, enabled).enabled() ? "Enabled " : "Disabled ") + username + ".");
	}

	private static String change(RedirectAttributes result, Authentication user,
			java.util.function.Supplier<String> change) {
		try {
			String done = change.get();
			logger.info("accounts: " + done + " (by " + user.getName() + ")");
			result.addFlashAttribute("done", done);
		}
		catch (IllegalArgumentException ex) {
			result.addFlashAttribute("failure", ex.getMessage());
		}
		return "redirect:/station/accounts";
	}

}
