package io.connectionsconsole.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * A connection's tokens at its provider, in plain text: held in memory for one call to the provider, and
 * stored only encrypted. {@code refreshToken} and {@code expiresAt} are null where the provider gives none
 * (GitHub OAuth App tokens don't expire; Bitbucket's and GitLab's expire after two hours and come with a refresh
 * token). {@code redirectUri} is the console callback of the handshake that issued them, which GitLab asks for again
 * at each refresh; null where it isn't known.
 */
public record ProviderTokens(String accessToken, String refreshToken, Instant expiresAt, String redirectUri) {

	public ProviderTokens {
		if (accessToken == null || accessToken.isBlank()) {
			throw new IllegalArgumentException("A provider answer without an access token is not a token");
		}
	}

	public ProviderTokens(String accessToken, String refreshToken, Instant expiresAt) {
		this(accessToken, refreshToken, expiresAt, null);
	}

	/** These tokens, issued through the handshake's {@code redirectUri}. */
	public ProviderTokens through(String redirectUri) {
		return new ProviderTokens(accessToken, refreshToken, expiresAt, redirectUri);
	}

	/** Whether the access token has expired, or will within {@code margin}; one without expiry never does. */
	public boolean expiresWithin(Instant now, Duration margin) {
		return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
	}

	public boolean refreshable() {
		return refreshToken != null && !refreshToken.isBlank();
	}

	@Override
	public String toString() {
		return "ProviderTokens[expiresAt=" + expiresAt + "]";
	}

}
