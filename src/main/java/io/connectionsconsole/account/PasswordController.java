package io.connectionsconsole.account;

import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.web.Flash;
import io.connectionsconsole.web.PageViews;

/**
 * Your password: every user, read-only ones too, changes their own password with their current one. Their other
 * sessions end; this one goes on.
 */
@Controller
class PasswordController {

	static final String VIEW = "settings/password";

	static final String URL = "/settings/password";

	/** Where each input rule of the service shows up on the form. */
	private static final Map<String, String> FIELDS = Map.of("CurrentPassword", "currentPassword", "NewPassword",
			"newPassword");

	private final UserService users;

	PasswordController(UserService users) {
		this.users = users;
	}

	@InitBinder("form")
	void setAllowedFields(WebDataBinder binder) {
		binder.setAllowedFields("currentPassword", "newPassword", "confirmPassword");
	}

	@GetMapping(URL)
	String initForm(Model model, HtmxRequest htmx) {
		model.addAttribute("form", new PasswordForm());
		return PageViews.of(VIEW, htmx);
	}

	@PostMapping(URL)
	String processForm(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") PasswordForm form,
			BindingResult result, RedirectAttributes redirect, HtmxRequest htmx) {
		if (!form.getNewPassword().equals(form.getConfirmPassword())) {
			result.rejectValue("confirmPassword", "mismatch", "The new password and its confirmation differ.");
			return PageViews.of(VIEW, htmx);
		}
		try {
			users.changeOwnPassword(user.caller(), form.getCurrentPassword(), form.getNewPassword());
			Flash.success(redirect, "flash.password.changed", null);
			return "redirect:" + URL;
		}
		catch (InvalidInputException ex) {
			result.rejectValue(FIELDS.getOrDefault(ex.field(), "newPassword"), "invalid", ex.getMessage());
			return PageViews.of(VIEW, htmx);
		}
	}

}
