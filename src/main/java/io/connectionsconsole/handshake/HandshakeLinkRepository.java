package io.connectionsconsole.handshake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.connection.ConnectionId;

/** Handshake links, each under the SHA-256 of its secret: the secret itself is never stored. */
@Repository
class HandshakeLinkRepository {

	private final JdbcClient jdbc;

	HandshakeLinkRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String tokenHash, ConnectionId connection, AccountId account, long createdBy, Instant createdAt,
			Instant expiresAt) {
		jdbc.sql("""
				INSERT INTO handshake_link (token_hash, connection_id, account_id, created_by, created_at, expires_at)
				VALUES (:hash, :connection, :account, :createdBy, :createdAt, :expiresAt)""")
			.param("hash", tokenHash)
			.param("connection", connection.value())
			.param("account", account.value())
			.param("createdBy", createdBy)
			.param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
			.param("expiresAt", expiresAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	Optional<StoredLink> find(String tokenHash) {
		return jdbc.sql("""
				SELECT l.token_hash, l.connection_id, l.account_id, l.expires_at, l.used_at, u.username
				FROM handshake_link l JOIN console_user u ON u.id = l.created_by
				WHERE l.token_hash = :hash""")
			.param("hash", tokenHash)
			.query((rs, n) -> {
				OffsetDateTime usedAt = rs.getObject("used_at", OffsetDateTime.class);
				return new StoredLink(rs.getString("token_hash"), ConnectionId.of(rs.getString("connection_id")),
						AccountId.of(rs.getString("account_id")), rs.getString("username"),
						rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
						usedAt == null ? null : usedAt.toInstant());
			})
			.optional();
	}

	/**
	 * Uses up the link for {@code user} of {@code account}: true for exactly one caller, and only while the link is
	 * unused and unexpired.
	 */
	boolean take(String tokenHash, AccountId account, long user, Instant now) {
		return jdbc.sql("""
				UPDATE handshake_link SET used_by = :user, used_at = :now
				WHERE token_hash = :hash AND account_id = :account AND used_at IS NULL AND expires_at > :now""")
			.param("user", user)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("hash", tokenHash)
			.param("account", account.value())
			.update() == 1;
	}

	/**
	 * Deletes the links used, or expired, before {@code cutoff}: neither can complete a handshake any more. Answers
	 * how many.
	 */
	int deleteSpentBefore(Instant cutoff) {
		return jdbc.sql("""
				DELETE FROM handshake_link
				WHERE used_at < :cutoff OR expires_at < :cutoff""")
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** A link as stored, with the name of the user who made it. */
	record StoredLink(String tokenHash, ConnectionId connectionId, AccountId accountId, String createdBy,
			Instant expiresAt, Instant usedAt) {
	}

}
