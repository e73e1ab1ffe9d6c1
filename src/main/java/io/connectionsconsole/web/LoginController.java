package io.connectionsconsole.web;

import java.time.Duration;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class LoginController {

	/** The longest a sign-in is refused: the throttle's longest allowance, six hours. */
	private static final long MAX_RETRY_MINUTES = Duration.ofHours(6).toMinutes();

	@GetMapping("/login")
	String login(@RequestParam(name = "throttled", required = false) String throttled, Model model) {
		Long minutes = retryMinutes(throttled);
		if (minutes != null) {
			model.addAttribute("retryMinutes", minutes);
		}
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
