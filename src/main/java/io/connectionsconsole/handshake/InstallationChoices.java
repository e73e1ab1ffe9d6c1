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

/** Installation choices in the database, so that any console instance can take GitHub's Setup URL; tokens encrypted. */
@Repository
class InstallationChoices {

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	InstallationChoices(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	void save(InstallationChoice choice) {
		jdbc.sql("""
				INSERT INTO installation_choice (id, connection_id, kind, account_id, user_id, region, provider_login,
				       provider_display_name, provider_url, access_token, refresh_token, token_expires_at, link_hash,
				       created_at)
				VALUES (:id, :connection, :kind, :account, :user, :region, :login, :displayName, :url, :access, :refresh,
				        :expires, :linkHash, :createdAt)""")
			.param("id", choice.id())
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

	Optional<InstallationChoice> find(String id) {
		return jdbc.sql("""
				SELECT id, connection_id, kind, account_id, user_id, region, provider_login, provider_display_name,
				       provider_url, access_token, refresh_token, token_expires_at, link_hash, created_at
				FROM installation_choice WHERE id = :id""")
			.param("id", id)
			.query((rs, n) -> new InstallationChoice(
					new PendingHandshake(rs.getString("id"), ConnectionId.of(rs.getString("connection_id")),
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
	boolean take(String id) {
		return jdbc.sql("DELETE FROM installation_choice WHERE id = :id").param("id", id).update() == 1;
	}

	void deleteCreatedBefore(Instant cutoff) {
		jdbc.sql("DELETE FROM installation_choice WHERE created_at < :cutoff")
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
