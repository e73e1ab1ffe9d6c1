package io.connectionsconsole.account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts and their users. */
@Repository
public class AccountRepository {

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean anyUserExists() {
		return jdbc.sql("SELECT COUNT(*) FROM console_user").query(Long.class).single() > 0;
	}

	public void createAccount(AccountId id, String name, Instant now) {
		jdbc.sql("INSERT INTO account (id, name, created_at) VALUES (:id, :name, :now)")
			.param("id", id.value())
			.param("name", name)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	public boolean accountExists(AccountId id) {
		return jdbc.sql("SELECT COUNT(*) FROM account WHERE id = :id")
			.param("id", id.value())
			.query(Long.class)
			.single() > 0;
	}

	/** The account's own connection quota, where one was set. */
	public OptionalInt connectionQuota(AccountId id) {
		return jdbc.sql("SELECT connection_quota FROM account WHERE id = :id")
			.param("id", id.value())
			.query((rs, n) -> {
				int quota = rs.getInt(1);
				return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(quota);
			})
			.optional()
			.orElse(OptionalInt.empty());
	}

	public void setConnectionQuota(AccountId id, Integer quota) {
		jdbc.sql("UPDATE account SET connection_quota = :quota WHERE id = :id")
			.param("quota", quota)
			.param("id", id.value())
			.update();
	}

	/** Takes the account's row lock until the transaction ends; false when there is no such account. */
	public boolean lockAccount(AccountId id) {
		return !jdbc.sql("SELECT id FROM account WHERE id = :id FOR UPDATE")
			.param("id", id.value())
			.query(String.class)
			.list()
			.isEmpty();
	}

	public long createUser(AccountId accountId, String username, String passwordHash, Role role, Instant now) {
		jdbc.sql("""
				INSERT INTO console_user (account_id, username, username_lower, password_hash, role, created_at)
				VALUES (:account, :username, LOWER(:username), :hash, :role, :now)""")
			.param("account", accountId.value())
			.param("username", username)
			.param("hash", passwordHash)
			.param("role", role.name())
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
		return jdbc.sql("SELECT id FROM console_user WHERE username = :username")
			.param("username", username)
			.query(Long.class)
			.single();
	}

	/** A user who signs in through an identity provider: an id and a password hash nobody's password matches. */
	public long createIdentityUser(AccountId accountId, String username, String provider, String subject,
			String unusableHash, Role role, Instant now) {
		jdbc.sql("""
				INSERT INTO console_user (account_id, username, username_lower, password_hash, role, created_at,
				                          identity_provider, subject)
				VALUES (:account, :username, LOWER(:username), :hash, :role, :now, :provider, :subject)""")
			.param("account", accountId.value())
			.param("username", username)
			.param("hash", unusableHash)
			.param("role", role.name())
			.param("now", now.atOffset(ZoneOffset.UTC))
			.param("provider", provider)
			.param("subject", subject)
			.update();
		return jdbc.sql("SELECT id FROM console_user WHERE username = :username")
			.param("username", username)
			.query(Long.class)
			.single();
	}

	/** The user an identity provider knows by {@code subject}, locked until the transaction ends. */
	public Optional<UserRecord> lockIdentityUser(String provider, String subject) {
		return jdbc.sql("SELECT " + USER_COLUMNS
				+ " FROM console_user WHERE identity_provider = :provider AND subject = :subject FOR UPDATE")
			.param("provider", provider)
			.param("subject", subject)
			.query((rs, n) -> userRecord(rs))
			.optional();
	}

	public boolean usernameTaken(String username) {
		return jdbc.sql("SELECT COUNT(*) FROM console_user WHERE username_lower = :lower")
			.param("lower", lower(username))
			.query(Long.class)
			.single() > 0;
	}

	/** The user of this name, whatever its case: names differ by more than case. */
	public Optional<ConsoleUser> findForSignIn(String username) {
		if (username.indexOf('\u0000') >= 0) {
			return Optional.empty(); // no user's, and PostgreSQL refuses the NUL character in a query
		}
		return jdbc.sql("""
				SELECT id, username, account_id, role, password_hash, enabled, access_version FROM console_user
				WHERE username_lower = :lower""")
			.param("lower", lower(username))
			.query((rs, n) -> new ConsoleUser(rs.getLong("id"), rs.getString("username"),
					AccountId.of(rs.getString("account_id")), Role.valueOf(rs.getString("role")),
					rs.getString("password_hash"), rs.getBoolean("enabled"), null, rs.getLong("access_version")))
			.optional();
	}

	/**
	 * How many times the user's role, password or being enabled has changed; empty for a user that no longer exists.
	 * Every such change here counts one more.
	 */
	public OptionalLong accessVersion(long userId) {
		return jdbc.sql("SELECT access_version FROM console_user WHERE id = :id")
			.param("id", userId)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElseGet(OptionalLong::empty);
	}

	/**
	 * A name as looked up: lower-cased by Java, as the sign-in throttle counts it. A database's {@code LOWER} follows its
	 * locale, under which PostgreSQL may lower {@code İ} (U+0130) to a plain {@code i}: {@code admİn} would then be
	 * {@code admin}, counted in a bucket of its own. User names are ASCII, stored lower-cased alike either way.
	 */
	private static String lower(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	public Optional<UserRecord> findUser(long userId) {
		return jdbc.sql("SELECT " + USER_COLUMNS + " FROM console_user WHERE id = :id")
			.param("id", userId)
			.query((rs, n) -> userRecord(rs))
			.optional();
	}

	public List<UserRecord> usersOf(AccountId accountId) {
		return jdbc.sql("SELECT " + USER_COLUMNS + " FROM console_user WHERE account_id = :account ORDER BY username")
			.param("account", accountId.value())
			.query((rs, n) -> userRecord(rs))
			.list();
	}

	public String passwordHash(long userId) {
		return jdbc.sql("SELECT password_hash FROM console_user WHERE id = :id")
			.param("id", userId)
			.query(String.class)
			.single();
	}

	public void setRole(long userId, Role role) {
		jdbc.sql("""
				UPDATE console_user SET role = :role, access_version = access_version + 1
				WHERE id = :id""")
			.param("role", role.name())
			.param("id", userId)
			.update();
	}

	public void setEnabled(long userId, boolean enabled) {
		jdbc.sql("""
				UPDATE console_user SET enabled = :enabled, access_version = access_version + 1
				WHERE id = :id""")
			.param("enabled", enabled)
			.param("id", userId)
			.update();
	}

	/**
	 * Sets the password of a user whose access version is still {@code version}, as read before their current password
	 * was checked; false, changing nothing, when their access changed since (a reset, a role, being disabled).
	 */
	public boolean setPasswordHashUnlessChanged(long userId, String passwordHash, long version) {
		return jdbc.sql("""
				UPDATE console_user SET password_hash = :hash, access_version = access_version + 1
				WHERE id = :id AND access_version = :version""")
			.param("hash", passwordHash)
			.param("id", userId)
			.param("version", version)
			.update() == 1;
	}

	public void setPasswordHash(long userId, String passwordHash) {
		jdbc.sql("""
				UPDATE console_user SET password_hash = :hash, access_version = access_version + 1
				WHERE id = :id""")
			.param("hash", passwordHash)
			.param("id", userId)
			.update();
	}

	public void rememberRegion(long userId, String region) {
		jdbc.sql("UPDATE console_user SET last_region = :region WHERE id = :id")
			.param("region", region)
			.param("id", userId)
			.update();
	}

	private static final String USER_COLUMNS = "id, account_id, username, role, enabled, last_region, created_at, "
			+ "identity_provider";

	private static UserRecord userRecord(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new UserRecord(rs.getLong("id"), AccountId.of(rs.getString("account_id")), rs.getString("username"),
				Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getString("last_region"),
				rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
				rs.getString("identity_provider"));
	}

}
