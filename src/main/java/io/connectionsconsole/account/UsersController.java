package io.connectionsconsole.account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Administrators: the account's users and their roles. */
@Controller
class UsersController {

	static final String VIEW = "settings/users";

	private final AccountRepository accounts;

	UsersController(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/settings/users")
	String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
		user.caller().requireWrite("manage users");
		model.addAttribute("users", accounts.usersOf(user.accountId()));
		return VIEW;
	}

}
