package io.connectionsconsole.handshake;

import java.net.URI;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.connection.Connection.ProviderAccount;
import io.connectionsconsole.connection.ProviderType;

/**
 * One provider's REST API, as far as the console needs it: whose token it is, and whether the token still
 * works. Both are a {@code GET /user} with the token as Bearer; what differs is the JSON and the headers.
 */
abstract sealed class ProviderClient permits GitHubClient, BitbucketClient {

	static final int MAX_NAME_LENGTH = 255;

	static final int MAX_URL_LENGTH = 1024;

	private final RestClient rest;

	private final URI userEndpoint;

	ProviderClient(ProviderHttp http, URI apiUrl) {
		this.rest = RestClient.builder().requestFactory(http.requestFactory()).build();
		this.userEndpoint = UriComponentsBuilder.fromUri(apiUrl).path("/user").build().toUri();
	}

	abstract ProviderType type();

	/** The account the token acts as, read from the registration's user-info endpoint. */
	ProviderAccount currentUser(URI userInfoUri, String accessToken) {
		return account(user(userInfoUri, accessToken));
	}

	/** Asks the provider's API about the token; a {@link ProviderCallException} says what was wrong. */
	void verify(String accessToken) {
		user(userEndpoint, accessToken);
	}

	/** The provider account in the user JSON; {@link ProviderCallException} when it names none. */
	abstract ProviderAccount account(JsonNode user);

	abstract void addHeaders(HttpHeaders headers);

	/** A 403 that carries the provider's rate-limit headers rather than a refusal (a 429 always is one). */
	private static boolean rateLimited(HttpStatusCode status, HttpHeaders headers) {
		return status.value() == 403 && (headers.containsHeader(HttpHeaders.RETRY_AFTER)
				|| "0".equals(headers.getFirst("X-RateLimit-Remaining")));
	}

	private JsonNode user(URI uri, String accessToken) {
		try {
			return rest.get().uri(uri).headers((headers) -> {
				headers.setBearerAuth(accessToken);
				addHeaders(headers);
			}).exchange((request, response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (!status.is2xxSuccessful()) {
					throw ProviderCallException.status(status, rateLimited(status, response.getHeaders()), null);
				}
				JsonNode user = response.bodyTo(JsonNode.class);
				if (user == null || !user.isObject()) {
					throw ProviderCallException.unexpected("The user endpoint answered without a JSON object", null);
				}
				return user;
			});
		}
		catch (RuntimeException ex) {
			throw ProviderCallException.of(ex);
		}
	}

	static String text(JsonNode node) {
		return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
	}

	static ProviderCallException noAccount(String what) {
		return ProviderCallException.unexpected("The user endpoint named no " + what, null);
	}

	/** A display name that fits the column. */
	static String shorten(String value) {
		return value.length() <= MAX_NAME_LENGTH ? value : value.substring(0, MAX_NAME_LENGTH);
	}

	/** The provider's profile URL when it is a plain web address, since the page links to it; else null. */
	static String webUrl(String url) {
		if (url == null || url.length() > MAX_URL_LENGTH) {
			return null;
		}
		try {
			URI uri = URI.create(url);
			boolean web = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
			return web ? uri.toString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
