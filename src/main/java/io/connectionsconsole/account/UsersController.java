package io.connectionsconsole.account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Administrators: the account's users and their roles. */
@Controller
class UsersController {

	static final String VIEW = "settings/users";

	private final UserService users;

	UsersController(UserService users) {
		this.users = users;
	}

	@GetMapping("/settings/users")
	String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
		model.addAttribute("users", users.users(user.caller()));
		return VIEW;
	}

}
