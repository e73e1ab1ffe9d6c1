package io.connectionsconsole.account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.web.Flash;
import io.connectionsconsole.web.FormErrors;

/**
 * Your password: every user, read-only ones too, changes their own password with their current one. Their other
 * sessions end; this one goes on.
 */
@Controller
class PasswordController {

	static final String VIEW = "settings/password";

	static final String URL = "/settings/password";

	private final UserService users;

	PasswordController(UserService users) {
		this.users = users;
	}

	@GetMapping(URL)
	String initForm(Model model) {
		model.addAttribute("form", PasswordForm.EMPTY);
		return VIEW;
	}

	@PostMapping(URL)
	String processForm(@AuthenticationPrincipal ConsoleUser user, @Validated @ModelAttribute("form") PasswordForm form,
			BindingResult result, RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				users.changeOwnPassword(user.caller(), form.currentPassword(), form.newPassword());
				Flash.success(redirect, "flash.password.changed", null);
				return "redirect:" + URL;
			}
			catch (InvalidInputException ex) {
				FormErrors.reject(result, ex);
			}
		}
		return VIEW;
	}

}
