package io.connectionsconsole.connection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import io.connectionsconsole.account.AccountId;

/** Connections and their tags. Every statement is scoped to one account. */
@Repository
class ConnectionRepository {

	private static final String COLUMNS = """
			id, account_id, region, name, provider_type, status, created_at,
			provider_login, provider_display_name, provider_url, last_checked_at, last_check_ok, last_check_detail,
			last_used_at, installation_id, host_id
			""";

	private final JdbcClient jdbc;

	ConnectionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Connection connection) {
		jdbc.sql("""
				INSERT INTO connection (id, account_id, region, name, live_name, provider_type, status, created_at, host_id)
				VALUES (:id, :account, :region, :name, :name, :provider, :status, :createdAt, :host)""")
			.param("id", connection.id().value())
			.param("account", connection.accountId().value())
			.param("region", connection.region())
			.param("name", connection.name().value())
			.param("provider", connection.providerType().name())
			.param("status", connection.status().name())
			.param("createdAt", utc(connection.createdAt()))
			.param("host", connection.hostId())
			.update();
	}

	boolean liveNameExists(AccountId account, String region, ConnectionName name) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM connection
				WHERE account_id = :account AND region = :region AND live_name = :name""")
			.param("account", account.value())
			.param("region", region)
			.param("name", name.value())
			.query(Long.class)
			.single() > 0;
	}

	int countLive(AccountId account, String region, String nameContains) {
		Filter filter = new Filter(account, region).contains(nameContains);
		return jdbc.sql("SELECT COUNT(*) FROM connection WHERE " + filter.where)
			.params(filter.params)
			.query(Long.class)
			.single()
			.intValue();
	}

	List<Connection> findLive(AccountId account, String region, ConnectionQuery query) {
		Filter filter = new Filter(account, region).contains(query.nameContains());
		if (query.nameEquals() != null) {
			filter.and("live_name = :equals", "equals", query.nameEquals());
		}
		if (query.afterName() != null) {
			filter.and("live_name > :after", "after", query.afterName());
		}
		filter.params.put("limit", query.limit());
		filter.params.put("offset", query.offset());
		return jdbc.sql("SELECT " + COLUMNS + " FROM connection WHERE " + filter.where
				+ " ORDER BY live_name LIMIT :limit OFFSET :offset")
			.params(filter.params)
			.query(ConnectionRepository::connection)
			.list();
	}

	/** The WHERE clause of a listing: only the conditions asked for, so no statement carries untyped NULLs. */
	private static final class Filter {

		private final StringBuilder where = new StringBuilder(
				"account_id = :account AND region = :region AND live_name IS NOT NULL");

		private final Map<String, Object> params = new HashMap<>();

		Filter(AccountId account, String region) {
			params.put("account", account.value());
			params.put("region", region);
		}

		Filter contains(String nameContains) {
			if (nameContains != null && nameContains.indexOf('\u0000') >= 0) {
				where.append(" AND FALSE"); // no name has the NUL character, which PostgreSQL refuses in a query
			}
			else if (nameContains != null && !nameContains.isEmpty()) {
				// as typed: the filter box's text comes without the spaces around it (web/TypedFilter)
				String escaped = nameContains.toLowerCase(Locale.ROOT)
					.replace("!", "!!")
					.replace("%", "!%")
					.replace("_", "!_");
				and("LOWER(live_name) LIKE :contains ESCAPE '!'", "contains", "%" + escaped + "%");
			}
			return this;
		}

		void and(String condition, String name, Object value) {
			where.append(" AND ").append(condition);
			params.put(name, value);
		}

	}

	Optional<Connection> findLive(AccountId account, ConnectionId id) {
		return about(account, id, "SELECT " + COLUMNS + """
				 FROM connection WHERE account_id = :account AND id = :id AND live_name IS NOT NULL""")
			.query(ConnectionRepository::connection)
			.optional();
	}

	/** The name a deleted connection of the account had; empty for any other id. */
	Optional<String> deletedName(AccountId account, ConnectionId id) {
		return about(account, id, """
				SELECT name FROM connection WHERE account_id = :account AND id = :id AND live_name IS NULL""")
			.query(String.class)
			.optional();
	}

	/** Marks the connection deleted and forgets its tokens; false when it was not live (any more). */
	boolean markDeleted(AccountId account, ConnectionId id, Instant now) {
		return transition(about(account, id, """
				UPDATE connection
				SET status = :to, live_name = NULL, deleted_at = :now, access_token = NULL, refresh_token = NULL,
				    token_expires_at = NULL
				WHERE account_id = :account AND id = :id AND live_name IS NOT NULL AND status IN (:from)"""),
				ConnectionEvent.DELETED)
			.param("now", utc(now))
			.update() == 1;
	}

	/** The connection's tags as they were stored, whatever rule was added since ({@link Tag#STORED}). */
	List<Tag> tags(ConnectionId id) {
		return ScopedValue.where(Tag.STORED, true)
			.call(() -> jdbc.sql("SELECT tag_key, tag_value FROM connection_tag WHERE connection_id = :id ORDER BY tag_key")
				.param("id", id.value())
				.query((rs, n) -> new Tag(rs.getString(1), rs.getString(2)))
				.list());
	}

	void putTags(ConnectionId id, Tags tags) {
		for (Tag tag : tags.list()) {
			jdbc.sql("DELETE FROM connection_tag WHERE connection_id = :id AND tag_key = :key")
				.param("id", id.value())
				.param("key", tag.key())
				.update();
			jdbc.sql("INSERT INTO connection_tag (connection_id, tag_key, tag_value) VALUES (:id, :key, :value)")
				.param("id", id.value())
				.param("key", tag.key())
				.param("value", tag.value())
				.update();
		}
	}

	void removeTags(ConnectionId id, List<String> keys) {
		if (keys.isEmpty()) {
			return;
		}
		jdbc.sql("DELETE FROM connection_tag WHERE connection_id = :id AND tag_key IN (:keys)")
			.param("id", id.value())
			.param("keys", keys)
			.update();
	}

	/** The row lock of one connection, so that tag changes of one resource queue behind each other. */
	void lock(ConnectionId id) {
		jdbc.sql("SELECT id FROM connection WHERE id = :id FOR UPDATE").param("id", id.value()).query(String.class).list();
	}

	/**
	 * The stored (encrypted) tokens of a live connection, if it has any; a GitHub App connection bound to its
	 * installation without a handshake has none, and reads all the same (its tokens all null).
	 */
	Optional<StoredTokens> tokens(AccountId account, ConnectionId id) {
		return about(account, id, """
				SELECT access_token, refresh_token, token_expires_at, token_redirect_uri FROM connection
				WHERE account_id = :account AND id = :id AND live_name IS NOT NULL
				  AND (access_token IS NOT NULL OR installation_id IS NOT NULL)""")
			.query((rs, n) -> new StoredTokens(rs.getString("access_token"), rs.getString("refresh_token"),
					instant(rs, "token_expires_at"), rs.getString("token_redirect_uri")))
			.optional();
	}

	/**
	 * The completed handshake: the provider account, the tokens, and the status {@code event} leads to; false when
	 * the connection is not live or its status doesn't take this event.
	 */
	boolean storeHandshake(AccountId account, ConnectionId id, ConnectionEvent event,
			Connection.ProviderAccount providerAccount, StoredTokens tokens, Long installation, Instant now,
			String checkDetail) {
		return transition(about(account, id, """
				UPDATE connection
				SET status = :to, provider_login = :login, provider_display_name = :displayName,
				    provider_url = :url, access_token = :access, refresh_token = :refresh, token_expires_at = :expires,
				    token_redirect_uri = :redirect, installation_id = :installation, last_checked_at = :now, last_check_ok = TRUE, last_check_detail = :detail
				WHERE account_id = :account AND id = :id AND live_name IS NOT NULL AND status IN (:from)"""), event)
			.param("login", providerAccount.login())
			.param("displayName", providerAccount.displayName())
			.param("url", providerAccount.profileUrl())
			.param("access", tokens.accessToken())
			.param("refresh", tokens.refreshToken())
			.param("redirect", tokens.redirectUri())
			.param("expires", utc(tokens.expiresAt()))
			.param("installation", installation)
			.param("now", utc(now))
			.param("detail", checkDetail)
			.update() == 1;
	}

	/** Replaces the tokens after a refresh, unless they changed since {@code expectedAccess} was read. */
	boolean replaceTokens(AccountId account, ConnectionId id, String expectedAccess, StoredTokens tokens) {
		return about(account, id, """
				UPDATE connection SET access_token = :access, refresh_token = :refresh, token_expires_at = :expires,
				       token_redirect_uri = :redirect
				WHERE account_id = :account AND id = :id AND live_name IS NOT NULL AND access_token = :expected""")
			.param("access", tokens.accessToken())
			.param("refresh", tokens.refreshToken())
			.param("redirect", tokens.redirectUri())
			.param("expires", utc(tokens.expiresAt()))
			.param("expected", expectedAccess)
			.update() == 1;
	}

	/**
	 * Records what a check found, unless the tokens changed since {@code expectedAccess} was read; with
	 * {@code tokenRejected}, the connection also takes the status {@link ConnectionEvent#TOKEN_REJECTED} leads to, and
	 * nothing is recorded unless its status takes that event; otherwise nothing is recorded unless its status still
	 * takes {@link ConnectionEvent#CHECKED} (a webhook may have put it in error meanwhile, with its reason). False when
	 * nothing changed.
	 */
	boolean recordCheck(AccountId account, ConnectionId id, String expectedAccess, Instant at, boolean ok,
			String detail, boolean tokenRejected) {
		StatementSpec statement = tokenRejected ? transition(about(account, id, """
				UPDATE connection SET last_checked_at = :at, last_check_ok = :ok, last_check_detail = :detail, status = :to
				WHERE account_id = :account AND id = :id AND live_name IS NOT NULL AND COALESCE(access_token, '') = :expected
				  AND status IN (:from)"""), ConnectionEvent.TOKEN_REJECTED) : about(account, id, """
				UPDATE connection SET last_checked_at = :at, last_check_ok = :ok, last_check_detail = :detail
				WHERE account_id = :account AND id = :id AND live_name IS NOT NULL AND COALESCE(access_token, '') = :expected
				  AND status IN (:from)""").param("from", ConnectionLifecycle.sourceNames(ConnectionEvent.CHECKED));
		return statement
			.param("at", utc(at))
			.param("ok", ok)
			.param("detail", detail)
			.param("expected", expectedAccess)
			.update() == 1;
	}

	/**
	 * Connections of every account in a status that takes a check, not checked since {@code checkedBefore}, oldest
	 * check first.
	 */
	List<Connection> checkableCheckedBefore(Instant checkedBefore) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM connection
				WHERE status IN (:checkable) AND (last_checked_at IS NULL OR last_checked_at < :before)
				ORDER BY last_checked_at, id""")
			.param("checkable", ConnectionLifecycle.sourceNames(ConnectionEvent.CHECKED))
			.param("before", utc(checkedBefore))
			.query(ConnectionRepository::connection)
			.list();
	}

	/**
	 * Takes a due connection for one periodic check by moving its last-checked time to {@code now}: of several
	 * console instances, only the one whose update succeeds checks it.
	 */
	boolean claimCheck(AccountId account, ConnectionId id, Instant checkedBefore, Instant now) {
		return about(account, id, """
				UPDATE connection SET last_checked_at = :now
				WHERE account_id = :account AND id = :id AND status IN (:checkable)
				  AND (last_checked_at IS NULL OR last_checked_at < :before)""")
			.param("checkable", ConnectionLifecycle.sourceNames(ConnectionEvent.CHECKED))
			.param("now", utc(now))
			.param("before", utc(checkedBefore))
			.update() == 1;
	}

	/** The live connections the GitHub App's installation serves, of any account. */
	List<Connection> servedByInstallation(long installation) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM connection WHERE installation_id = :installation AND live_name IS NOT NULL ORDER BY id""")
			.param("installation", installation)
			.query(ConnectionRepository::connection)
			.list();
	}

	/**
	 * The live GitHub App connections that the GitHub user {@code login} authorized, of any account: those that keep
	 * their user's token. One bound to an installation without a handshake names the installation's account, which
	 * may be a user's own, but no one authorized it.
	 */
	List<Connection> authorizedThroughAppBy(String login) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM connection
				WHERE installation_id IS NOT NULL AND provider_type = :github AND LOWER(provider_login) = :login
				  AND access_token IS NOT NULL AND live_name IS NOT NULL ORDER BY id""")
			.param("github", ProviderType.GITHUB.name())
			.param("login", login.toLowerCase(Locale.ROOT))
			.query(ConnectionRepository::connection)
			.list();
	}

	/**
	 * Moves the connection as {@code event} says, recording why as its last check; false when it is not live or its
	 * status doesn't take the event.
	 */
	boolean move(ConnectionId id, ConnectionEvent event, Instant at, CheckOutcome why) {
		return transition(jdbc.sql("""
				UPDATE connection SET status = :to, last_checked_at = :at, last_check_ok = :ok, last_check_detail = :detail
				WHERE id = :id AND live_name IS NOT NULL AND status IN (:from)"""), event)
			.param("id", id.value())
			.param("at", utc(at))
			.param("ok", why.ok())
			.param("detail", why.name())
			.update() == 1;
	}

	/**
	 * As {@link #move}, for what befell the GitHub App installation the connection read through: false too when it
	 * reads through another one since (Update authorization chose it meanwhile).
	 */
	boolean moveIfReadingThrough(ConnectionId id, long installation, ConnectionEvent event, Instant at,
			CheckOutcome why) {
		// an unsuspension restores only what the suspension put in error, as the row is when it is written: another
		// instance may have put it in error for another reason since it was read
		String suspendedOnly = (event == ConnectionEvent.INSTALLATION_UNSUSPENDED)
				? " AND last_check_detail = '" + CheckOutcome.INSTALLATION_SUSPENDED.name() + "'" : "";
		return transition(jdbc.sql("""
				UPDATE connection SET status = :to, last_checked_at = :at, last_check_ok = :ok, last_check_detail = :detail
				WHERE id = :id AND installation_id = :installation AND live_name IS NOT NULL AND status IN (:from)"""
				+ suspendedOnly), event)
			.param("id", id.value())
			.param("installation", installation)
			.param("at", utc(at))
			.param("ok", why.ok())
			.param("detail", why.name())
			.update() == 1;
	}

	/** A statement about one connection of one account, bound as {@code :account} and {@code :id}. */
	private StatementSpec about(AccountId account, ConnectionId id, String sql) {
		return jdbc.sql(sql)
			.param("account", account.value())
			.param("id", id.value());
	}

	/** Binds the status {@code event} leads to as {@code :to}, and those it may happen in as {@code :from}. */
	private static StatementSpec transition(StatementSpec statement, ConnectionEvent event) {
		return statement.param("to", ConnectionLifecycle.target(event).name())
			.param("from", ConnectionLifecycle.sourceNames(event));
	}

	/** Tokens as stored: every value is ciphertext. */
	record StoredTokens(String accessToken, String refreshToken, Instant expiresAt, String redirectUri) {
	}

	static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	void recordUse(ConnectionId id, Instant at) {
		jdbc.sql("UPDATE connection SET last_used_at = :at WHERE id = :id")
			.param("at", at.atOffset(ZoneOffset.UTC))
			.param("id", id.value())
			.update();
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/** A connection as the database holds it. Ids and names are not checked again: only checked ones are written. */
	private static Connection connection(ResultSet rs, int rowNum) throws SQLException {
		String login = rs.getString("provider_login");
		Instant checkedAt = instant(rs, "last_checked_at");
		return new Connection(new ConnectionId(rs.getString("id")), AccountId.of(rs.getString("account_id")),
				rs.getString("region"),
				new ConnectionName(rs.getString("name")),
				ProviderType.valueOf(rs.getString("provider_type")), ConnectionStatus.valueOf(rs.getString("status")),
				instant(rs, "created_at"),
				login == null ? null
						: new Connection.ProviderAccount(login, rs.getString("provider_display_name"),
								rs.getString("provider_url")),
				checkedAt == null ? null
						: new Connection.LastCheck(checkedAt, rs.getBoolean("last_check_ok"),
								rs.getString("last_check_detail")),
				instant(rs, "last_used_at"), rs.getObject("installation_id", Long.class), rs.getString("host_id"));
	}

}
