package io.connectionsconsole.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;

import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.crypto.Sha256;

/**
 * The sign-in sent to an identity provider (its state, nonce and PKCE verifier), kept until the provider answers in
 * an HttpOnly cookie sealed by {@link SecretCipher} rather than in the session, which binds it to the browser that
 * asked and keeps no secret in the database. The cookie goes to the callback only, and lives as long as a sign-in at
 * the provider may take, which the cookie itself says when it was sealed; the database keeps the hashes of the states
 * answered for that long, so that each is answered once.
 */
@Component
class SealedAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	static final String COOKIE = "console_sign_in";

	static final String CALLBACK_PATH = "/login/oauth2/code/";

	private static final Duration LIFETIME = Duration.ofMinutes(10);

	private final SecretCipher cipher;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	SealedAuthorizationRequests(SecretCipher cipher, JdbcClient jdbc, Clock clock) {
		this.cipher = cipher;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		Cookie cookie = request.getCookies() == null ? null : Arrays.stream(request.getCookies())
			.filter((candidate) -> COOKIE.equals(candidate.getName()))
			.findFirst()
			.orElse(null);
		if (cookie == null) {
			return null;
		}
		Sealed sealed;
		try {
			sealed = json.readValue(cipher.decrypt(cookie.getValue()), Sealed.class);
		}
		catch (RuntimeException ex) {
			// Forged, from another key, or expired and cut: as if there were none.
			return null;
		}
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		// past its lifetime, whatever the browser kept: its spent state is forgotten by then
		boolean current = sealed.sealedAt() != null && sealed.sealedAt().plus(LIFETIME).isAfter(clock.instant());
		return current && sealed.state().equals(state) ? sealed.request() : null;
	}

	@Override
	public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
			HttpServletResponse response) {
		if (authorizationRequest == null) {
			write(response, request, "", Duration.ZERO);
			return;
		}
		String value;
		try {
			value = cipher.encrypt(json.writeValueAsString(Sealed.of(authorizationRequest, clock.instant())));
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The sign-in request could not be kept", ex);
		}
		write(response, request, value, LIFETIME);
	}

	/**
	 * Takes the request the provider answers, once: its state is spent, so that the same cookie and state answered
	 * again (a replay) find none.
	 */
	@Override
	public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		OAuth2AuthorizationRequest found = loadAuthorizationRequest(request);
		write(response, request, "", Duration.ZERO);
		if (found == null) {
			return null;
		}
		Instant now = clock.instant();
		jdbc.sql("DELETE FROM spent_sign_in_state WHERE spent_at < :before")
			.param("before", now.minus(LIFETIME).atOffset(ZoneOffset.UTC))
			.update();
		try {
			jdbc.sql("INSERT INTO spent_sign_in_state (state_hash, spent_at) VALUES (:hash, :at)")
				.param("hash", Sha256.hex(found.getState()))
				.param("at", now.atOffset(ZoneOffset.UTC))
				.update();
		}
		catch (DuplicateKeyException ex) {
			return null;
		}
		return found;
	}

	private static void write(HttpServletResponse response, HttpServletRequest request, String value, Duration maxAge) {
		ResponseCookie cookie = ResponseCookie.from(COOKIE, value)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.path(request.getContextPath() + CALLBACK_PATH)
			.maxAge(maxAge)
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	/**
	 * What the cookie holds: the authorization request's parts, every one of them a string, and when it was sealed
	 * (the cookie's lifetime is the browser's to keep; this one is the console's).
	 */
	record Sealed(String authorizationUri, String clientId, String redirectUri, List<String> scopes, String state,
			Map<String, String> additionalParameters, Map<String, String> attributes, String authorizationRequestUri,
			Instant sealedAt) {

		static Sealed of(OAuth2AuthorizationRequest request, Instant now) {
			return new Sealed(request.getAuthorizationUri(), request.getClientId(), request.getRedirectUri(),
					List.copyOf(request.getScopes()), request.getState(), strings(request.getAdditionalParameters()),
					strings(request.getAttributes()), request.getAuthorizationRequestUri(), now);
		}

		OAuth2AuthorizationRequest request() {
			return OAuth2AuthorizationRequest.authorizationCode()
				.authorizationUri(authorizationUri)
				.clientId(clientId)
				.redirectUri(redirectUri)
				.scopes(new LinkedHashSet<>(scopes))
				.state(state)
				.additionalParameters(new LinkedHashMap<>(additionalParameters))
				.attributes(new LinkedHashMap<>(attributes))
				.authorizationRequestUri(authorizationRequestUri)
				.build();
		}

		private static Map<String, String> strings(Map<String, Object> values) {
			Map<String, String> strings = new LinkedHashMap<>();
			values.forEach((key, value) -> strings.put(key, String.valueOf(value)));
			return strings;
		}

	}

}
