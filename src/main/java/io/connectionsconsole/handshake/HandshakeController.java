package io.connectionsconsole.handshake;

import java.net.URI;

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
 * the provider goes back to the Connected accounts page of the connection's region, with a flash.
 */
@Controller
class HandshakeController {

	/** GitHub App mode: where the user chooses the installation a connection reads through. */
	static final String INSTALLATION_URL = "/connections/handshake/installation";

	/** GitHub App mode: the app's Setup URL, where GitHub sends the user back after installing it. */
	static final String SETUP_URL = "/connections/handshake/setup/github";

	static final String VIEW_INSTALLATION = "handshake/installation";

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
			RedirectAttributes redirect) {
		return start(user, id, HandshakeKind.COMPLETE, redirect);
	}

	/** Update authorization: the same handshake for a connection that has a token, kept until the new one is stored. */
	@PostMapping("/connections/{id}/reauthorize")
	String reauthorize(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			RedirectAttributes redirect) {
		return start(user, id, HandshakeKind.UPDATE_AUTHORIZATION, redirect);
	}

	private String start(ConsoleUser user, ConnectionId id, HandshakeKind kind, RedirectAttributes redirect) {
		try {
			URI authorize = handshakes.start(user.caller(), id, kind, baseUrl());
			return "redirect:" + authorize;
		}
		catch (ProviderNotConfiguredException ex) {
			return notConfigured(ex, redirect);
		}
		catch (ConnectionStatusException ex) {
			Flash.error(redirect, HandshakeOutcome.notAccepted(kind).messageCode(), ex.connection().name().value());
			return back(ex.connection().region());
		}
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
			RedirectAttributes redirect) {
		HandshakeResult result = handshakes.complete(user.caller(), registrationId,
				new ProviderCallback(code, state, error, errorDescription));
		if (result.outcome() == HandshakeOutcome.CHOOSE_INSTALLATION) {
			return "redirect:" + UriComponentsBuilder.fromPath(INSTALLATION_URL).queryParam("choice", state).build()
				.encode().toUriString();
		}
		return finish(user, result, redirect);
	}

	/** GitHub App mode: the installations the user can choose for the connection, and GitHub's install page. */
	@GetMapping(INSTALLATION_URL)
	String installation(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String choice,
			Model model, RedirectAttributes redirect) {
		AppHandshake.Offer offer;
		try {
			offer = appHandshake.offer(user.caller(), choice);
		}
		catch (AppHandshake.Refused ex) {
			return finish(user, ex.result(), redirect);
		}
		model.addAttribute("offer", offer);
		model.addAttribute("region", currentRegion.resolve(user, offer.connection().region()));
		return VIEW_INSTALLATION;
	}

	/** GitHub App mode: Use installation. */
	@PostMapping(INSTALLATION_URL)
	String useInstallation(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String choice,
			@RequestParam(required = false) Long installation, RedirectAttributes redirect) {
		return finish(user, appHandshake.choose(user.caller(), choice, installation == null ? 0 : installation),
				redirect);
	}

	/**
	 * GitHub App mode: GitHub's Setup URL after the app was installed (or its installation requested, where an
	 * organization owner must approve it), with the choice's id as its state.
	 */
	@GetMapping(SETUP_URL)
	String setup(@AuthenticationPrincipal ConsoleUser user,
			@RequestParam(name = "installation_id", required = false) Long installation,
			@RequestParam(name = "setup_action", required = false) String action,
			@RequestParam(required = false) String state, RedirectAttributes redirect) {
		HandshakeResult result = "request".equals(action) ? appHandshake.requested(user.caller(), state)
				: appHandshake.choose(user.caller(), state, installation == null ? 0 : installation);
		return finish(user, result, redirect);
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

	/** Back to the connection's list, with a flash saying how the handshake ended. */
	private String finish(ConsoleUser user, HandshakeResult result, RedirectAttributes redirect) {
		if (result.outcome() == HandshakeOutcome.COMPLETED) {
			Flash.success(redirect, result.outcome().messageCode(), result.connectionName());
		}
		else {
			Flash.error(redirect, result.outcome().messageCode(), result.connectionName());
		}
		return back(result.region() != null ? result.region() : currentRegion.resolve(user, null).code());
	}

	/**
	 * Back to the connection's list, saying that its provider has no client registration: a message a provider, as
	 * each names its own properties.
	 */
	static String notConfigured(ProviderNotConfiguredException ex, RedirectAttributes redirect) {
		Flash.error(redirect, HandshakeOutcome.NOT_CONFIGURED.messageCode() + "."
				+ ex.connection().providerType().registrationId(), ex.connection().name().value());
		return back(ex.connection().region());
	}

	static String back(String region) {
		return "redirect:" + ConnectionUrls.list(region);
	}

}
