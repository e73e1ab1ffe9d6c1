package io.connectionsconsole.connection;

import java.time.Instant;

import io.connectionsconsole.account.AccountId;

/**
 * A connection as the console and the API show it. Tokens never travel in this record: they stay
 * encrypted in the repository. {@code lastUsedAt}: when a clone last went through one of its repository links;
 * {@code installationId}: in the GitHub App mode, the app's installation it reads through (null before its handshake
 * and in the OAuth App mode).
 */
public record Connection(ConnectionId id, AccountId accountId, String region, ConnectionName name,
		ProviderType providerType, ConnectionStatus status, Instant createdAt, ProviderAccount providerAccount,
		LastCheck lastCheck, Instant lastUsedAt, Long installationId, String hostId) {

	public ConnectionArn arn() {
		return new ConnectionArn(region, accountId, name, id);
	}

	/** Who the handshake said this connection acts as at the provider; null before the handshake. */
	public record ProviderAccount(String login, String displayName, String profileUrl) {
	}

	/** When the provider was last asked about this connection's token, and what it answered. */
	public record LastCheck(Instant at, boolean ok, String detail) {
	}

}
