package io.connectionsconsole.handshake;

import java.io.Serializable;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriTemplate;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatusException;
import io.connectionsconsole.provider.ProviderNotConfiguredException;
import io.connectionsconsole.web.Flash;

/**
 * Create handshake link, and the pages of the administrator who opens one. The link carries a secret in its path, which
 * {@link HandshakeLinkFilter} keeps in a cookie, encrypted, before the browser comes here; once signed in, the user's
 * session keeps it.
 */
@Controller
class HandshakeLinkController {

	static final String LINK_PATH = "/connections/handshake/link";

	static final String VIEW_INVITATION = "handshake/link";

	/** The encrypted secret of the link the session's user opened. */
	static final String SESSION_ATTRIBUTE = HandshakeLinkController.class.getName() + ".link";

	static final String CREATED_LINK = "createdLink";

	private static final UriTemplate CREATED_URL = new UriTemplate("/connections/{id}/handshake-link");

	private final HandshakeLinkService links;

	private final HandshakeService handshakes;

	private final ConnectionService connections;

	HandshakeLinkController(HandshakeLinkService links, HandshakeService handshakes, ConnectionService connections) {
		this.links = links;
		this.handshakes = handshakes;
		this.connections = connections;
	}

	/** Makes a link and shows it once, on the page the redirect leads to. */
	@PostMapping("/connections/{id}/handshake-link")
	String create(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id,
			RedirectAttributes redirect) {
		try {
			NewHandshakeLink link = handshakes.shareLink(user.caller(), id);
			redirect.addFlashAttribute(CREATED_LINK, link);
			Flash.success(redirect, "flash.handshakeLink.created", link.connectionName());
		}
		catch (ConnectionStatusException ex) {
			Flash.error(redirect, "flash.handshakeLink.notPending", ex.connection().name().value());
		}
		catch (ProviderNotConfiguredException ex) {
			return HandshakeController.notConfigured(ex, redirect);
		}
		return "redirect:" + createdUrl(id);
	}

	/**
	 * The link just made, from the flash; after that, only that it was shown once. htmx gets here by following the
	 * redirect of a boosted Create handshake link, and shows this page's URL.
	 */
	@GetMapping("/connections/{id}/handshake-link")
	String created(@AuthenticationPrincipal ConsoleUser user, @PathVariable ConnectionId id, Model model,
			HtmxRequest htmxRequest, HtmxResponse htmx) {
		Connection connection = connections.get(user.caller(), id);
		model.addAttribute("connection", connection);
		if (model.getAttribute(CREATED_LINK) instanceof NewHandshakeLink created) {
			model.addAttribute("linkUrl", ServletUriComponentsBuilder.fromCurrentContextPath()
				.path(LINK_PATH + "/{token}")
				.buildAndExpand(links.secret(created))
				.toUriString());
			model.addAttribute("expiresAt", created.expiresAt());
		}
		if (htmxRequest.isHtmxRequest()) {
			htmx.setPushUrl(createdUrl(id));
		}
		return "handshake/link-created";
	}

	/** What the link offers the signed-in user, or why they can't use it. */
	@GetMapping(LINK_PATH)
	String invitation(@AuthenticationPrincipal ConsoleUser user, @CookieValue(name = HandshakeLinkFilter.COOKIE,
			required = false) String cookie, HttpServletRequest request, HttpSession session, Model model,
			HttpServletResponse response) {
		try {
			model.addAttribute("invitation",
					links.open(user.caller(), token(user, cookie, request, session, response)));
		}
		catch (HandshakeLinkRefusedException ex) {
			refuse(ex, session, model, response);
		}
		return VIEW_INVITATION;
	}

	/** Continue to the provider, as the signed-in user. A plain form post, since it leaves for another site. */
	@PostMapping(LINK_PATH)
	String start(@AuthenticationPrincipal ConsoleUser user, @CookieValue(name = HandshakeLinkFilter.COOKIE,
			required = false) String cookie, HttpServletRequest request, HttpSession session, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			// the session keeps the link: going back from the provider's page finds it again, and, once the
			// handshake is complete, that it was used
			URI authorize = handshakes.startFromLink(user.caller(), token(user, cookie, request, session, response),
					HandshakeController.baseUrl());
			return "redirect:" + authorize;
		}
		catch (HandshakeLinkRefusedException ex) {
			refuse(ex, session, model, response);
			return VIEW_INVITATION;
		}
		catch (ProviderNotConfiguredException ex) {
			return HandshakeController.notConfigured(ex, redirect);
		}
	}

	private void refuse(HandshakeLinkRefusedException ex, HttpSession session, Model model,
			HttpServletResponse response) {
		session.removeAttribute(SESSION_ATTRIBUTE);
		response.setStatus(ex.reason().status());
		model.addAttribute("refusal", ex.reason().messageCode());
		model.addAttribute("connectionName", ex.connectionName());
	}

	/**
	 * The sealed secret of the link this browser opened last. It arrives in the cookie {@link HandshakeLinkFilter} set,
	 * which moves into the signed-in user's session here and is cleared; a later visit finds it in the session.
	 */
	private static String token(ConsoleUser user, String cookie, HttpServletRequest request, HttpSession session,
			HttpServletResponse response) {
		if (cookie != null && !cookie.isEmpty()) {
			session.setAttribute(SESSION_ATTRIBUTE, new OpenedLink(user.caller().userId(), cookie));
			response.addHeader(HttpHeaders.SET_COOKIE, HandshakeLinkFilter.cookie(request, "").toString());
		}
		// the user who opened it only: another who signs in on this browser keeps the session, not the link
		return (session.getAttribute(SESSION_ATTRIBUTE) instanceof OpenedLink opened
				&& opened.userId() == user.caller().userId()) ? opened.sealed() : null;
	}

	/** The sealed secret of the link a user opened, kept in their session. */
	record OpenedLink(long userId, String sealed) implements Serializable {

		@Override
		public String toString() {
			return "OpenedLink[" + userId + "]";
		}

	}

	private static String createdUrl(ConnectionId id) {
		return CREATED_URL.expand(id.value()).toString();
	}

}
