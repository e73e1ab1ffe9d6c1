package io.connectionsconsole.account;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.web.Flash;
import io.connectionsconsole.web.FormErrors;
import io.connectionsconsole.web.SignInChoices;

/**
 * The Users pages, for administrators: the account's users, Add user, and a page per user with its changes. A change
 * redirects to the list with a flash message; a refused one shows the page again with the service's message at its
 * field. The service refuses read-only users (403), whatever the page shows.
 */
@Controller
class UsersController {

	static final String VIEW_LIST = "settings/users";

	static final String VIEW_NEW = "settings/user-new";

	static final String VIEW_USER = "settings/user";

	static final String LIST_URL = "/settings/users";

	/** A refused change that belongs to no field of the page. */
	private static final String REFUSAL = "refusal";

	private final UserService users;

	/** The identity providers by their ids, for the name a user's page gives the one they sign in through. */
	private final ObjectProvider<SignInChoices> signInChoices;

	UsersController(UserService users, ObjectProvider<SignInChoices> signInChoices) {
		this.users = users;
		this.signInChoices = signInChoices;
	}

	@GetMapping(LIST_URL)
	String list(@AuthenticationPrincipal ConsoleUser user, Model model) {
		model.addAttribute("users", users.users(user.caller()));
		model.addAttribute("selfId", user.id());
		return VIEW_LIST;
	}

	@GetMapping(LIST_URL + "/new")
	String initAddForm(@AuthenticationPrincipal ConsoleUser user, Model model) {
		user.caller().requireWrite("manage users");
		model.addAttribute("form", NewUserForm.EMPTY);
		model.addAttribute("roles", Role.values());
		return VIEW_NEW;
	}

	@PostMapping(LIST_URL)
	String processAddForm(@AuthenticationPrincipal ConsoleUser user, @Validated @ModelAttribute("form") NewUserForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		// refused before its input is looked at, as the form itself is
		user.caller().requireWrite("manage users");
		if (!result.hasErrors()) {
			try {
				UserRecord added = users.addUser(user.caller(), form.username(), form.role(), form.password());
				Flash.success(redirect, "flash.user.added", added.username());
				return "redirect:" + LIST_URL;
			}
			catch (InvalidInputException ex) {
				FormErrors.reject(result, ex);
			}
		}
		model.addAttribute("roles", Role.values());
		return VIEW_NEW;
	}

	@GetMapping(LIST_URL + "/{id}")
	String show(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, Model model) {
		return showUser(user, users.user(user.caller(), id), model);
	}

	@PostMapping(LIST_URL + "/{id}/role")
	String changeRole(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
			@Validated @ModelAttribute("roleForm") RoleForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		UserRecord shown = users.user(user.caller(), id);
		if (form.role() == shown.role()) {
			Flash.info(redirect, "flash.user.roleUnchanged", shown.username());
			return "redirect:" + LIST_URL;
		}
		// on their own page, which has no role form to show a field's error at, the service says why not whatever the form
		if (!result.hasErrors() || shown.id() == user.id()) {
			try {
				users.changeRole(user.caller(), id, form.role());
				Flash.success(redirect, "flash.user.roleChanged", shown.username());
				return "redirect:" + LIST_URL;
			}
			catch (InvalidInputException ex) {
				refuse(ex, user, shown, result, model, true);
			}
		}
		return showUser(user, shown, model);
	}

	@PostMapping(LIST_URL + "/{id}/disable")
	String disable(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, Model model,
			RedirectAttributes redirect) {
		try {
			// the user as found: one disabled already is left as it is
			UserRecord found = users.disable(user.caller(), id);
			changed(redirect, found.enabled(), "flash.user.disabled", found.username());
			return "redirect:" + LIST_URL;
		}
		catch (InvalidInputException ex) {
			model.addAttribute(REFUSAL, ex.getMessage());
			return show(user, id, model);
		}
	}

	@PostMapping(LIST_URL + "/{id}/enable")
	String enable(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id, RedirectAttributes redirect) {
		UserRecord found = users.enable(user.caller(), id);
		changed(redirect, !found.enabled(), "flash.user.enabled", found.username());
		return "redirect:" + LIST_URL;
	}

	/** Says a change was made, or ({@code code} + {@code Already}) that it was made before and nothing changed. */
	private static void changed(RedirectAttributes redirect, boolean changed, String code, String username) {
		if (changed) {
			Flash.success(redirect, code, username);
		}
		else {
			Flash.info(redirect, code + "Already", username);
		}
	}

	@PostMapping(LIST_URL + "/{id}/sign-in-throttle/clear")
	String clearSignInThrottle(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
			RedirectAttributes redirect) {
		UserRecord cleared = users.clearSignInThrottle(user.caller(), id);
		Flash.success(redirect, "flash.user.signInThrottleCleared", cleared.username());
		return "redirect:" + LIST_URL;
	}

	@PostMapping(LIST_URL + "/{id}/password")
	String resetPassword(@AuthenticationPrincipal ConsoleUser user, @PathVariable long id,
			@ModelAttribute("resetForm") PasswordResetForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		try {
			UserRecord reset = users.resetPassword(user.caller(), id, form.newPassword());
			Flash.success(redirect, "flash.user.passwordReset", reset.username());
			return "redirect:" + LIST_URL;
		}
		catch (InvalidInputException ex) {
			UserRecord shown = users.user(user.caller(), id);
			refuse(ex, user, shown, result, model, shown.signsInWithPassword());
			return showUser(user, shown, model);
		}
	}

	/**
	 * Shows the service's refusal at the field of the form; above the page where the page doesn't show the form: the
	 * administrator's own page, which has no forms (the service refuses every change of their own but their password,
	 * on their Your password page), or a password reset of a user who signs in through an identity provider.
	 */
	private static void refuse(InvalidInputException ex, ConsoleUser user, UserRecord shown, BindingResult result,
			Model model, boolean formShown) {
		if (shown.id() == user.id() || !formShown) {
			model.addAttribute(REFUSAL, ex.getMessage());
		}
		else {
			FormErrors.reject(result, ex);
		}
	}

	/** A user's page, with whichever of its forms the request did not post, empty. */
	private String showUser(ConsoleUser user, UserRecord shown, Model model) {
		model.addAttribute("shown", shown);
		model.addAttribute("identityProvider", shown.signsInWithPassword() ? null : signInChoices.orderedStream()
			.flatMap((offered) -> offered.choices().stream())
			.filter((choice) -> choice.id().equals(shown.identityProvider()))
			.map(SignInChoices.Choice::name)
			.findFirst()
			.orElse(shown.identityProvider()));
		model.addAttribute("self", shown.id() == user.id());
		model.addAttribute("roles", Role.values());
		model.mergeAttributes(Map.of("roleForm", new RoleForm(shown.role()), "resetForm", PasswordResetForm.EMPTY));
		return VIEW_USER;
	}

}
