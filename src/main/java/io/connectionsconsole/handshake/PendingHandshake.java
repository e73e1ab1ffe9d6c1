package io.connectionsconsole.handshake;

import java.time.Duration;
import java.time.Instant;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.HandshakeKind;

/**
 * A handshake sent to the provider and not yet answered: which connection, for what, started by whom, under which
 * one-time {@code state}, with the redirect URI and PKCE verifier that the token request must repeat; and the hash of
 * the handshake link it was started from, or null.
 */
record PendingHandshake(String state, ConnectionId connectionId, HandshakeKind kind, AccountId accountId, long userId,
		String registrationId, String region, String redirectUri, String codeVerifier, String linkHash,
		Instant createdAt) {

	/** As long as the providers keep their authorization codes (GitHub: ten minutes). */
	static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

	boolean startedBy(Caller caller) {
		return userId == caller.userId() && accountId.equals(caller.accountId());
	}

	boolean expiredAt(Instant now) {
		return createdAt.plus(TIME_TO_LIVE).isBefore(now);
	}

	@Override
	public String toString() {
		return "PendingHandshake[" + kind + " of " + connectionId + " by user " + userId + " at " + registrationId + "]";
	}

}
