package io.connectionsconsole.handshake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionUrls;
import io.connectionsconsole.connection.ConnectionStatusException;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.error.ConsoleException;
import io.connectionsconsole.provider.ProviderNotConfiguredException;
import io.connectionsconsole.provider.Providers;
import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.web.Flash;

/**
 * Complete handshake, Update authorization, and their callback from the provider. Every answer but the redirect to
 * the provider goes back to where the handshake was started, the Connected accounts page of the connection's region
 * or the connection's details page, with a flash.
 */
@Controller
class HandshakeController {

	/** GitHub App mode: where the user chooses the installation a connection reads through. */
	static final String INSTALLATION_URL = "/connections/handshake/installation";

	/** GitHub App mode: the app's Setup URL, where GitHub sends the user back after installing it. */
	static final String SETUP_URL = "/connections/handshake/setup/github";

	static final String VIEW_INSTALLATION = "handshake/installation";

	/** GitHub App mode: the refusals of an installation choice after which the user can choose again. */
	private static final Set<HandshakeOutcome> OPEN_AFTER = EnumSet.of(HandshakeOutcome.INSTALLATION_NOT_YOURS,
			HandshakeOutcome.INSTALLATION_SUSPENDED, HandshakeOutcome.INSTALLATION_REQUESTED);

	private final HandshakeService handshakes;

	private final AppHandshake appHandshake;

	private final CurrentRegion currentRegion;

	HandshakeController(HandshakeService handshakes, AppHandshake appHandshake, CurrentRegion currentRegion) {
		this.handshakes = handshakes;
		this.appHandshake = appHandshake;
		this.currentRegion = currentRegion;
	}

	/**
	 * Complete handshake. A plain form post: the answer sends the browser to another site, which an htmx request
	 * can't follow.
	 */
	@PostMapping("/connections/{id}/handshake")
	String start(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(name = "back", required = false) String back, HttpSession session,
			RedirectAttributes redirect) {
		return start(user, id, HandshakeKind.COMPLETE, back, session, redirect);
	}

	/** Update authorization: the same handshake for a connection that has a token, kept until the new one is stored. */
	@PostMapping("/connections/{id}/reauthorize")
	String reauthorize(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(name = "back", required = false) String back, HttpSession session,
			RedirectAttributes redirect) {
		return start(user, id, HandshakeKind.UPDATE_AUTHORIZATION, back, session, redirect);
	}

	/**
	 * The handshake, started from the Connected accounts page or, with {@code back=details}, from the connection's
	 * details page, where it ends too: the session keeps which handshakes go back there, by their state's hash.
	 */
	private String start(ConsoleUser user, ConnectionId id, HandshakeKind kind, String back, HttpSession session,
			RedirectAttributes redirect) {
		try {
			URI authorize = handshakes.start(user.caller(), id, kind, baseUrl());
			if (ConnectionUrls.BACK_TO_DETAILS.equals(back)) {
				ReturnsToDetails.remember(session, state(authorize), id);
			}
			return "redirect:" + authorize;
		}
		catch (ProviderNotConfiguredException ex) {
			return notConfigured(ex, back, redirect);
		}
		catch (ConnectionStatusException ex) {
			Flash.error(redirect, HandshakeOutcome.notAccepted(kind).messageCode(), ex.connection().name().value());
			return "redirect:" + ConnectionUrls.back(back, id, ex.connection().region());
		}
	}

	/** The state the provider brings back to the callback. */
	private static String state(URI authorize) {
		String state = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("state");
		return state == null ? null : UriUtils.decode(state, StandardCharsets.UTF_8);
	}

	/** The console's own address as the browser sees it, for the callback URL. */
	static String baseUrl() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

	@GetMapping(Providers.CALLBACK_PATH + "/{registrationId}")
	String callback(@AuthenticationPrincipal ConsoleUser user, @PathVariable String registrationId,
			@RequestParam(required = false) String code, @RequestParam(required = false) String state,
			@RequestParam(required = false) String error,
			@RequestParam(name = "error_description", required = false) String errorDescription,
			HttpSession session, RedirectAttributes redirect) {
		HandshakeResult result = handshakes.complete(user.caller(), registrationId,
				new ProviderCallback(code, state, error, errorDescription));
		if (result.outcome() == HandshakeOutcome.CHOOSE_INSTALLATION) {
			return "redirect:" + UriComponentsBuilder.fromPath(INSTALLATION_URL).queryParam("choice", state).build()
				.encode().toUriString();
		}
		return finish(user, result, state, session, redirect);
	}

	/** GitHub App mode: the installations the user can choose for the connection, and GitHub's install page. */
	@GetMapping(INSTALLATION_URL)
	String installation(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String choice,
			Model model, HttpSession session, RedirectAttributes redirect) {
		AppHandshake.Offer offer;
		try {
			offer = appHandshake.offer(user.caller(), choice);
		}
		catch (AppHandshake.Refused ex) {
			// the choice stays open: the page can be loaded again
			return finish(user, ex.result(), choice, false, session, redirect);
		}
		model.addAttribute("offer", offer);
		model.addAttribute("region", currentRegion.resolve(user, offer.connection().region()));
		return VIEW_INSTALLATION;
	}

	/** GitHub App mode: Use installation. */
	@PostMapping(INSTALLATION_URL)
	String useInstallation(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String choice,
			@RequestParam(required = false) Long installation, HttpSession session, RedirectAttributes redirect) {
		return finish(user, appHandshake.choose(user.caller(), choice, installation == null ? 0 : installation),
				choice, session, redirect);
	}

	/**
	 * GitHub App mode: GitHub's Setup URL after the app was installed (or its installation requested, where an
	 * organization owner must approve it), with the choice's id as its state.
	 */
	@GetMapping(SETUP_URL)
	String setup(@AuthenticationPrincipal ConsoleUser user,
			@RequestParam(name = "installation_id", required = false) Long installation,
			@RequestParam(name = "setup_action", required = false) String action,
			@RequestParam(required = false) String state, HttpSession session, RedirectAttributes redirect) {
		HandshakeResult result = "request".equals(action) ? appHandshake.requested(user.caller(), state)
				: appHandshake.choose(user.caller(), state, installation == null ? 0 : installation);
		return finish(user, result, state, session, redirect);
	}

	/** GitHub App mode: an administrator binds a pending connection to an installation the account already uses. */
	@PostMapping("/connections/{id}/installation")
	String bind(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			@RequestParam(required = false) Long installation, RedirectAttributes redirect) {
		try {
			Connection bound = appHandshake.bind(user.caller(), id, installation == null ? 0 : installation);
			Flash.success(redirect, "flash.installation.bound", bound.name().value());
		}
		catch (ConsoleException ex) {
			Flash.error(redirect, "flash.installation.refused", ex.getMessage());
		}
		return "redirect:" + ConnectionUrls.details(id);
	}

	/**
	 * Back to where the handshake of {@code state} was started, the connection's list or its details page (unless the
	 * connection is gone), with a flash saying how the handshake ended. A GitHub App installation choice refused in a
	 * way the user can choose again, or whose installations could not be listed, leaves the handshake open: it still
	 * goes back to details when it ends.
	 */
	private String finish(ConsoleUser user, HandshakeResult result, String state, HttpSession session,
			RedirectAttributes redirect) {
		return finish(user, result, state, !OPEN_AFTER.contains(result.outcome()), session, redirect);
	}

	private String finish(ConsoleUser user, HandshakeResult result, String state, boolean over, HttpSession session,
			RedirectAttributes redirect) {
		if (result.outcome() == HandshakeOutcome.COMPLETED) {
			Flash.success(redirect, result.outcome().messageCode(), result.connectionName());
		}
		else {
			Flash.error(redirect, result.outcome().messageCode(), result.connectionName());
		}
		ConnectionId details = ReturnsToDetails.of(session, state);
		if (over) {
			ReturnsToDetails.forget(session, state);
		}
		if (details != null && result.outcome() != HandshakeOutcome.CONNECTION_GONE) {
			return "redirect:" + ConnectionUrls.details(details);
		}
		return back(result.region() != null ? result.region() : currentRegion.resolve(user, null).code());
	}

	/**
	 * Back to the connection's list, saying that its provider has no client registration: a message a provider, as
	 * each names its own properties.
	 */
	static String notConfigured(ProviderNotConfiguredException ex, RedirectAttributes redirect) {
		return notConfigured(ex, null, redirect);
	}

	/** The same, back to the connection's details page for {@code back=details}. */
	private static String notConfigured(ProviderNotConfiguredException ex, String back, RedirectAttributes redirect) {
		Flash.error(redirect, HandshakeOutcome.NOT_CONFIGURED.messageCode() + "."
				+ ex.connection().providerType().registrationId(), ex.connection().name().value());
		return "redirect:" + ConnectionUrls.back(back, ex.connection().id(), ex.connection().region());
	}

	static String back(String region) {
		return "redirect:" + ConnectionUrls.list(region);
	}

}
