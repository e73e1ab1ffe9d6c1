package io.connectionsconsole.handshake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.crypto.Sha256;

/**
 * Handshakes in flight, in the database so that any console instance can take a provider's callback: pending
 * handshakes, their PKCE verifier encrypted like the tokens it would obtain; and, in GitHub App mode, the authorized
 * handshakes that wait for the user's choice of an installation (GitHub's Setup URL), their tokens encrypted. Each is
 * kept under the SHA-256 of its one-time OAuth2 state, so that someone who reads the database learns no state to answer
 * a handshake with.
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
			.param("state", Sha256.hex(pending.state()))
			.param("connection", pending.connectionId().value())
			.param("kind", pending.kind().name())
			.param("account", pending.accountId().value())
			.param("user", pending.userId())
			.param("registration", pending.registrationId())
			.param("region", pending.region())
			.param("redirectUri", pending.redirectUri())
			.param("verifier", cipher.encrypt(pending.codeVerifier()))
			.param("linkHash", pending.linkHash())
			.param("createdAt", utc(pending.createdAt()))
			.update();
	}

	Optional<PendingHandshake> find(String state) {
		return jdbc.sql("""
				SELECT state, connection_id, kind, account_id, user_id, registration_id, region, redirect_uri,
				       code_verifier, link_hash, created_at
				FROM pending_handshake WHERE state = :state""")
			.param("state", Sha256.hex(state))
			.query((rs, n) -> new PendingHandshake(state, ConnectionId.of(rs.getString("connection_id")),
					HandshakeKind.valueOf(rs.getString("kind")), AccountId.of(rs.getString("account_id")),
					rs.getLong("user_id"), rs.getString("registration_id"), rs.getString("region"),
					rs.getString("redirect_uri"), cipher.decrypt(rs.getString("code_verifier")), rs.getString("link_hash"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** Uses up the state: true for exactly one caller, however many instances race with the same callback. */
	boolean take(String state) {
		return jdbc.sql("DELETE FROM pending_handshake WHERE state = :state")
			.param("state", Sha256.hex(state))
			.update() == 1;
	}

	void saveChoice(InstallationChoice choice) {
		jdbc.sql("""
				INSERT INTO installation_choice (id, connection_id, kind, account_id, user_id, region, provider_login,
				       provider_display_name, provider_url, access_token, refresh_token, token_expires_at, link_hash,
				       created_at)
				VALUES (:id, :connection, :kind, :account, :user, :region, :login, :displayName, :url, :access, :refresh,
				        :expires, :linkHash, :createdAt)""")
			.param("id", Sha256.hex(choice.id()))
			.param("connection", choice.handshake().connectionId().value())
			.param("kind", choice.handshake().kind().name())
			.param("account", choice.handshake().accountId().value())
			.param("user", choice.handshake().userId())
			.param("region", choice.handshake().region())
			.param("login", choice.account().login())
			.param("displayName", choice.account().displayName())
			.param("url", choice.account().profileUrl())
			.param("access", cipher.encrypt(choice.tokens().accessToken()))
			.param("refresh", cipher.encrypt(choice.tokens().refreshToken()))
			.param("expires", utc(choice.tokens().expiresAt()))
			.param("linkHash", choice.handshake().linkHash())
			.param("createdAt", utc(choice.handshake().createdAt()))
			.update();
	}

	Optional<InstallationChoice> findChoice(String id) {
		return jdbc.sql("""
				SELECT id, connection_id, kind, account_id, user_id, region, provider_login, provider_display_name,
				       provider_url, access_token, refresh_token, token_expires_at, link_hash, created_at
				FROM installation_choice WHERE id = :id""")
			.param("id", Sha256.hex(id))
			.query((rs, n) -> new InstallationChoice(
					new PendingHandshake(id, ConnectionId.of(rs.getString("connection_id")),
							HandshakeKind.valueOf(rs.getString("kind")), AccountId.of(rs.getString("account_id")),
							rs.getLong("user_id"), ProviderType.GITHUB.registrationId(), rs.getString("region"), null, null,
							rs.getString("link_hash"), rs.getObject("created_at", OffsetDateTime.class).toInstant()),
					new Connection.ProviderAccount(rs.getString("provider_login"), rs.getString("provider_display_name"),
							rs.getString("provider_url")),
					new ProviderTokens(cipher.decrypt(rs.getString("access_token")),
							cipher.decrypt(rs.getString("refresh_token")),
							instant(rs.getObject("token_expires_at", OffsetDateTime.class)))))
			.optional();
	}

	/** Uses the choice up: true for exactly one caller, however many requests race with it. */
	boolean takeChoice(String id) {
		return jdbc.sql("DELETE FROM installation_choice WHERE id = :id").param("id", Sha256.hex(id)).update() == 1;
	}

	void deleteCreatedBefore(Instant cutoff) {
		deleteCreatedBefore("pending_handshake", cutoff);
	}

	int deleteChoicesCreatedBefore(Instant cutoff) {
		return deleteCreatedBefore("installation_choice", cutoff);
	}

	private int deleteCreatedBefore(String table, Instant cutoff) {
		return jdbc.sql("DELETE FROM " + table + " WHERE created_at < :cutoff")
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

}
