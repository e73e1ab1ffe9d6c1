package io.connectionsconsole.provider;

import java.time.format.DateTimeFormatter;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionUrls;
import io.connectionsconsole.connection.ConnectionStatusException;
import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.web.Flash;

/**
 * Check connection: asks the provider about the connection's token and goes back to the Connected accounts page of the
 * connection's region, or to its details page ({@code back=details}), with a flash that says what the provider said.
 */
@Controller
class ConnectionCheckController {

	static final String MESSAGE_PREFIX = "flash.check.";

	private final ConnectionChecks checks;

	private final CurrentRegion currentRegion;

	private final ProviderPageBudget budget;

	private final DateTimeFormatter timeFormat;

	ConnectionCheckController(ConnectionChecks checks, CurrentRegion currentRegion, ProviderPageBudget budget,
			DateTimeFormatter timeFormat) {
		this.checks = checks;
		this.currentRegion = currentRegion;
		this.budget = budget;
		this.timeFormat = timeFormat;
	}

	/**
	 * Check connection. It takes one page of the user's {@link ProviderPageBudget}; beyond it, the flash says when to
	 * try again.
	 */
	@PostMapping("/connections/{id}/check")
	String check(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(name = "back", required = false) String back, RedirectAttributes redirect) {
		try {
			budget.take(user.caller());
			CheckResult result = checks.check(user.caller(), id);
			String message = MESSAGE_PREFIX + result.outcome().name();
			if (result.outcome() == CheckOutcome.OK) {
				Flash.success(redirect, message, result.connection().name().value());
			}
			else {
				// A rate limit's message says when the provider is asked again rather than which connection.
				Flash.error(redirect, message, result.retryAt() != null ? timeFormat.format(result.retryAt())
						: result.connection().name().value());
			}
			return back(back, id, result.connection().region());
		}
		catch (TooManyProviderPagesException ex) {
			Flash.error(redirect, MESSAGE_PREFIX + "throttled", String.valueOf(ex.retryAfterSeconds()));
			return back(back, id, currentRegion.resolve(user, null).code());
		}
		catch (ConnectionStatusException ex) {
			Flash.error(redirect, MESSAGE_PREFIX + "notAvailable", ex.connection().name().value());
			return back(back, id, ex.connection().region());
		}
	}

	private static String back(String back, ConnectionId id, String region) {
		return "redirect:" + ConnectionUrls.back(back, id, region);
	}

}
