package io.connectionsconsole.web;

import java.time.Duration;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.connectionsconsole.config.ConsoleProperties;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class LoginController {

	/** The request attribute by which the session store says that the browser's session has ended. */
	private static final String SESSION_ENDED = "io.connectionsconsole.sessionEnded";

	/** The longest a sign-in is refused: the throttle's longest allowance, six hours. */
	private static final long MAX_RETRY_MINUTES = Duration.ofHours(6).toMinutes();

	/** Why an identity provider's sign-in was refused, as the sign-in page may be told in its {@code refused}. */
	private static final Set<String> REFUSALS = Set.of("NO_GROUP", "DISABLED", "NO_ACCOUNT", "INVALID_TOKEN",
			"UNANSWERED");

	private final ObjectProvider<SignInChoices> choices;

	private final ConsoleProperties.SignIn signIn;

	LoginController(ObjectProvider<SignInChoices> choices, ConsoleProperties properties) {
		this.choices = choices;
		this.signIn = properties.signIn();
	}

	@GetMapping("/login")
	String login(@RequestParam(name = "throttled", required = false) String throttled,
			@RequestParam(name = "refused", required = false) String refused, HttpServletRequest request,
			Model model) {
		// the browser still named a session the console no longer has (told by the session store, which expires the
		// cookie with this answer): it expired, or its user was changed; a sign-out is said on its own
		model.addAttribute("sessionEnded", request.getAttribute(SESSION_ENDED) != null
				&& request.getParameter("logout") == null);
		Long minutes = retryMinutes(throttled);
		if (minutes != null) {
			model.addAttribute("retryMinutes", minutes);
		}
		if (refused != null && REFUSALS.contains(refused)) {
			model.addAttribute("refused", refused);
		}
		model.addAttribute("passwords", signIn.passwords());
		model.addAttribute("breakGlass", signIn.breakGlassUser() != null);
		model.addAttribute("signInChoices",
				choices.orderedStream().flatMap((offered) -> offered.choices().stream()).toList());
		return "login";
	}

	/**
	 * The minutes the sign-in throttle asked the page to show; anything else in the parameter (a link changed by hand)
	 * shows no number.
	 */
	private static Long retryMinutes(String throttled) {
		if (throttled == null) {
			return null;
		}
		try {
			long minutes = Long.parseLong(throttled);
			return minutes >= 1 && minutes <= MAX_RETRY_MINUTES ? minutes : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
