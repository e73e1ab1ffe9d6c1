package io.connectionsconsole.handshake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.crypto.SecretCipher;

/**
 * Pending handshakes in the database, so that any console instance can take a provider's callback. The PKCE
 * verifier is stored encrypted, like the tokens it would obtain.
 */
@Repository
class PendingHandshakes {

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	PendingHandshakes(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	void save(PendingHandshake pending) {
		jdbc.sql("""
				INSERT INTO pending_handshake (state, connection_id, kind, account_id, user_id, registration_id, region,
				                               redirect_uri, code_verifier, link_hash, created_at)
				VALUES (:state, :connection, :kind, :account, :user, :registration, :region, :redirectUri, :verifier,
				        :linkHash, :createdAt)""")
			.param("state", pending.state())
			.param("connection", pending.connectionId().value())
			.param("kind", pending.kind().name())
			.param("account", pending.accountId().value())
			.param("user", pending.userId())
			.param("registration", pending.registrationId())
			.param("region", pending.region())
			.param("redirectUri", pending.redirectUri())
			.param("verifier", cipher.encrypt(pending.codeVerifier()))
			.param("linkHash", pending.linkHash())
			.param("createdAt", pending.createdAt().atOffset(ZoneOffset.UTC))
			.update();
	}

	Optional<PendingHandshake> find(String state) {
		return jdbc.sql("""
				SELECT state, connection_id, kind, account_id, user_id, registration_id, region, redirect_uri,
				       code_verifier, link_hash, created_at
				FROM pending_handshake WHERE state = :state""")
			.param("state", state)
			.query((rs, n) -> new PendingHandshake(rs.getString("state"), ConnectionId.of(rs.getString("connection_id")),
					HandshakeKind.valueOf(rs.getString("kind")), AccountId.of(rs.getString("account_id")),
					rs.getLong("user_id"), rs.getString("registration_id"), rs.getString("region"),
					rs.getString("redirect_uri"), cipher.decrypt(rs.getString("code_verifier")), rs.getString("link_hash"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** Uses up the state: true for exactly one caller, however many instances race with the same callback. */
	boolean take(String state) {
		return jdbc.sql("DELETE FROM pending_handshake WHERE state = :state").param("state", state).update() == 1;
	}

	void deleteCreatedBefore(Instant cutoff) {
		jdbc.sql("DELETE FROM pending_handshake WHERE created_at < :cutoff")
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.update();
	}

}
