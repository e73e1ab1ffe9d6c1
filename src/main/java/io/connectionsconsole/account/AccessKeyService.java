package io.connectionsconsole.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.Printable;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.crypto.SecretCipher;

/**
 * API access keys: an id ({@code AKIA} + 16) and a 40-character secret, at most two per user as at AWS.
 * The secret is stored encrypted, since verifying a SigV4 signature needs it back.
 */
@Service
public class AccessKeyService {

	private static final Logger log = LoggerFactory.getLogger(AccessKeyService.class);

	public static final int MAX_KEYS_PER_USER = 2;

	private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	/** Last-used times are kept to the minute, so that a busy key doesn't write on every request. */
	private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final AuditLog audit;

	private final Clock clock;

	AccessKeyService(JdbcClient jdbc, SecretCipher cipher, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public NewAccessKey create(Caller caller) {
		lockUser(caller.userId());
		int existing = jdbc.sql("SELECT COUNT(*) FROM access_key WHERE user_id = :user")
			.param("user", caller.userId())
			.query(Long.class)
			.single()
			.intValue();
		if (existing >= MAX_KEYS_PER_USER) {
			throw new QuotaExceededException("Access keys per user", MAX_KEYS_PER_USER, "keys for one user",
					"Delete one to create another.");
		}
		NewAccessKey key = new NewAccessKey("AKIA" + randomString(ID_ALPHABET, 16), randomString(SECRET_ALPHABET, 40));
		insert(caller.userId(), key);
		audit.record(caller.accountId().value(), caller.username(), "CreateAccessKey", key.id(), null);
		return key;
	}

	/** Stores a key whose id and secret were chosen outside, as the bootstrap configuration does. */
	@Transactional
	public void importKey(long userId, String id, String secret) {
		requireImportable(id, secret);
		insert(userId, new NewAccessKey(id, secret));
	}

	/** An {@link InvalidInputException} where {@code id} and {@code secret} are no access key's. */
	static void requireImportable(String id, String secret) {
		if (id == null || !id.matches("AKIA[A-Z0-9]{16}")) {
			throw new InvalidInputException("AccessKeyId", "An access key id is AKIA followed by 16 upper-case "
					+ "letters or digits.");
		}
		if (secret == null || secret.length() < 16 || secret.length() > 128) {
			throw new InvalidInputException("SecretAccessKey", "A secret access key has 16 to 128 characters.");
		}
	}

	@Transactional(readOnly = true)
	public List<AccessKey> list(Caller caller) {
		return jdbc.sql("""
				SELECT id, created_at, last_used_at FROM access_key WHERE user_id = :user ORDER BY created_at, id""")
			.param("user", caller.userId())
			.query((rs, n) -> new AccessKey(rs.getString("id"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					Optional.ofNullable(rs.getObject("last_used_at", OffsetDateTime.class))
						.map(OffsetDateTime::toInstant)
						.orElse(null)))
			.list();
	}

	@Transactional
	public void delete(Caller caller, String keyId) {
		int deleted = jdbc.sql("DELETE FROM access_key WHERE id = :id AND user_id = :user")
			.param("id", keyId)
			.param("user", caller.userId())
			.update();
		if (deleted == 0) {
			throw new NotFoundException("Access key '" + Printable.excerpt(keyId, 64) + "' was not found.");
		}
		audit.record(caller.accountId().value(), caller.username(), "DeleteAccessKey", keyId, null);
	}

	/**
	 * The owner and secret of a key, for the API's signature check; empty for an unknown key, and for a key of a
	 * disabled user, which stops working the moment the user is disabled. Reading a key is not using it: only a
	 * request whose signature holds counts, see {@link #recordUse(String)}.
	 */
	@Transactional(readOnly = true)
	public Optional<ApiCredentials> resolve(String keyId) {
		return jdbc.sql("""
				SELECT k.secret_cipher, u.id, u.username, u.account_id, u.role
				FROM access_key k JOIN console_user u ON u.id = k.user_id WHERE k.id = :id AND u.enabled = TRUE""")
			.param("id", keyId)
			.query((rs, n) -> new ApiCredentials(
					new Caller(rs.getLong("id"), rs.getString("username"), AccountId.of(rs.getString("account_id")),
							Role.valueOf(rs.getString("role"))),
					opened(keyId, rs.getString("secret_cipher"))))
			.optional()
			.filter((credentials) -> credentials.secret() != null);
	}

	/**
	 * The key's secret; null for one sealed under another token key (one replaced on purpose,
	 * {@code console.token-key-replaced}), which no signature can match: such a key is as unknown as a deleted one.
	 */
	private String opened(String keyId, String sealed) {
		try {
			return cipher.decrypt(sealed);
		}
		catch (IllegalStateException ex) {
			log.warn("Access key {} was sealed with another console.token-key: it can't be used; delete it", keyId);
			return null;
		}
	}

	/** Notes that a request signed with the key was accepted. */
	@Transactional
	public void recordUse(String keyId) {
		Instant now = clock.instant();
		jdbc.sql("""
				UPDATE access_key SET last_used_at = :now
				WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :stale)""")
			.param("now", now.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
			.param("stale", now.minus(LAST_USED_PRECISION).atOffset(ZoneOffset.UTC))
			.param("id", keyId)
			.update();
	}

	private void insert(long userId, NewAccessKey key) {
		jdbc.sql("""
				INSERT INTO access_key (id, user_id, secret_cipher, created_at) VALUES (:id, :user, :secret, :now)""")
			.param("id", key.id())
			.param("user", userId)
			.param("secret", cipher.encrypt(key.secret()))
			.param("now", clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC))
			.update();
	}

	private void lockUser(long userId) {
		jdbc.sql("SELECT id FROM console_user WHERE id = :id FOR UPDATE").param("id", userId).query(Long.class).list();
	}

	/** {@code length} characters of {@code alphabet}, drawn by a {@link SecureRandom}. */
	static String randomString(String alphabet, int length) {
		SecureRandom random = new SecureRandom();
		StringBuilder s = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			s.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return s.toString();
	}

}
