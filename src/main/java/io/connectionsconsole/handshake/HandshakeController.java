package io.connectionsconsole.handshake;

import java.net.URI;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionUrls;
import io.connectionsconsole.connection.ConnectionStatusException;
import io.connectionsconsole.connection.HandshakeKind;
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

	private final HandshakeService handshakes;

	private final CurrentRegion currentRegion;

	HandshakeController(HandshakeService handshakes, CurrentRegion currentRegion) {
		this.handshakes = handshakes;
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
