package io.connectionsconsole.session;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.SessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sessions in the {@code console_session} table, shared by every console instance on the database.
 * <p>
 * The session ID is a bearer secret: the table holds only its SHA-256. Reading a session is one primary-key
 * query, outside any transaction, that returns the attributes only when they differ from the version this
 * instance already holds deserialized; every change to the attributes increments that version. Saving a session
 * whose attributes and ID did not change writes nothing, unless the stored last access time is a minute old or
 * more: expiry is counted to the minute, and a session may expire up to a minute before its maximum inactive
 * interval has passed since its very last request. A change is merged per attribute with what is stored, under the
 * row's lock, so that concurrent requests and other instances that changed other attributes keep their changes.
 */
final class DatabaseSessionRepository implements SessionRepository<DatabaseSession> {

	private static final Logger log = LoggerFactory.getLogger(DatabaseSessionRepository.class);

	/** How stale the stored last access time may grow before a request that changes nothing writes it. */
	private static final Duration ACCESS_PRECISION = Duration.ofMinutes(1);

	private static final long NOT_HELD = -1;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Duration maxInactiveInterval;

	private final SessionAttributeCodec codec;

	private final ConcurrentMap<String, Held> held = new ConcurrentHashMap<>();

	/** The sessions found by ID during the request that this thread serves, while the filter has it open. */
	private final ThreadLocal<Map<String, DatabaseSession>> requestSessions = new ThreadLocal<>();

	DatabaseSessionRepository(JdbcClient jdbc, TransactionTemplate transaction, Clock clock,
			Duration maxInactiveInterval, ClassLoader classLoader) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.clock = clock;
		this.maxInactiveInterval = maxInactiveInterval;
		this.codec = new SessionAttributeCodec(classLoader);
	}

	@Override
	public DatabaseSession createSession() {
		return new DatabaseSession(clock.instant(), maxInactiveInterval);
	}

	/**
	 * Opens the scope of the request that this thread serves, unless one is open already (an error dispatch nested
	 * in the request): until it closes, a session found by its ID is found again without a query. Spring Session's
	 * filter saves the session as the response is committed and again as the request ends, and looks the requested
	 * session up anew for the second save.
	 */
	RequestScope openRequest() {
		if (requestSessions.get() != null) {
			return () -> {
			};
		}
		requestSessions.set(new HashMap<>());
		return requestSessions::remove;
	}

	@Override
	public DatabaseSession findById(String id) {
		Map<String, DatabaseSession> foundInRequest = requestSessions.get();
		DatabaseSession found = (foundInRequest != null) ? foundInRequest.get(id) : null;
		if (found != null && found.getId().equals(id)) {
			return found;
		}
		found = read(id);
		if (found != null && foundInRequest != null) {
			foundInRequest.put(id, found);
		}
		return found;
	}

	private DatabaseSession read(String id) {
		String idHash = hash(id);
		Held copy = held.get(idHash);
		Row row = jdbc.sql("""
				SELECT version, created_at, last_accessed_at, max_inactive_seconds,
				       CASE WHEN version = :heldVersion THEN NULL ELSE attributes END AS attributes
				FROM console_session WHERE id_hash = :idHash""")
			.param("heldVersion", (copy != null) ? copy.version() : NOT_HELD)
			.param("idHash", idHash)
			.query((rs, n) -> new Row(rs.getLong("version"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getObject("last_accessed_at", OffsetDateTime.class).toInstant(),
					Duration.ofSeconds(rs.getInt("max_inactive_seconds")), rs.getBytes("attributes")))
			.optional()
			.orElse(null);
		if (row == null) {
			held.remove(idHash);
			return null;
		}
		Instant now = clock.instant();
		if (!row.lastAccessedAt().plus(row.maxInactiveInterval()).isAfter(now)) {
			deleteIfExpired(idHash, now);
			return null;
		}
		Map<String, Object> attributes;
		if (row.attributes() == null) {
			attributes = copy.attributes();
			copy.used(now);
		}
		else {
			try {
				attributes = Collections.unmodifiableMap(codec.read(row.attributes()));
			}
			catch (SerializationFailedException | UncheckedIOException ex) {
				// Such as a class that this version of the console no longer has: the user starts a new session.
				log.warn("A stored session could not be read and is ignored: {}", ex.getMessage());
				return null;
			}
			held.put(idHash, new Held(row.version(), attributes, now));
		}
		return new DatabaseSession(id, idHash, row.version(), row.createdAt(), row.lastAccessedAt(),
				row.maxInactiveInterval(), attributes);
	}

	@Override
	public void save(DatabaseSession session) {
		if (session.isNew()) {
			insert(session);
		}
		else if (session.idChanged() || session.attributesChanged()) {
			merge(session);
		}
		else if (session.maxInactiveIntervalChanged() || !session.getLastAccessedTime()
			.isBefore(session.storedLastAccessedTime().plus(ACCESS_PRECISION))) {
			touch(session);
		}
	}

	@Override
	public void deleteById(String id) {
		Map<String, DatabaseSession> foundInRequest = requestSessions.get();
		if (foundInRequest != null) {
			foundInRequest.clear();
		}
		String idHash = hash(id);
		jdbc.sql("DELETE FROM console_session WHERE id_hash = :idHash").param("idHash", idHash).update();
		held.remove(idHash);
	}

	/**
	 * Deletes every expired session, and forgets the copies of sessions that no request on this instance has used
	 * for the maximum inactive interval.
	 * @return how many sessions were deleted
	 */
	int deleteExpired() {
		Instant now = clock.instant();
		Instant unused = now.minus(maxInactiveInterval);
		held.values().removeIf((copy) -> copy.usedBefore(unused));
		return jdbc.sql("DELETE FROM console_session WHERE expires_at <= :now").param("now", utc(now)).update();
	}

	private void deleteIfExpired(String idHash, Instant now) {
		jdbc.sql("DELETE FROM console_session WHERE id_hash = :idHash AND expires_at <= :now")
			.param("idHash", idHash)
			.param("now", utc(now))
			.update();
		held.remove(idHash);
	}

	private void insert(DatabaseSession session) {
		String idHash = hash(session.getId());
		Map<String, byte[]> attributes = new HashMap<>();
		session.attributes().forEach((name, value) -> attributes.put(name, codec.serialize(value)));
		jdbc.sql("""
				INSERT INTO console_session (id_hash, version, created_at, last_accessed_at, max_inactive_seconds,
				                             expires_at, attributes)
				VALUES (:idHash, 0, :createdAt, :lastAccessedAt, :maxInactive, :expiresAt, :attributes)""")
			.param("idHash", idHash)
			.param("createdAt", utc(session.getCreationTime()))
			.param("lastAccessedAt", utc(session.getLastAccessedTime()))
			.param("maxInactive", seconds(session.getMaxInactiveInterval()))
			.param("expiresAt", utc(expiry(session)))
			.param("attributes", codec.join(attributes))
			.update();
		hold(idHash, 0, session);
		session.stored(idHash, 0, session.getLastAccessedTime());
	}

	/**
	 * Applies this request's set and removed attributes, and a new ID, to the stored session. A session deleted
	 * meanwhile (signed out or expired on another instance) stays deleted.
	 */
	private void merge(DatabaseSession session) {
		Map<String, byte[]> changes = new HashMap<>();
		session.changedAttributes()
			.forEach((name, value) -> changes.put(name, (value != null) ? codec.serialize(value) : null));
		String storedIdHash = session.storedIdHash();
		String idHash = hash(session.getId());
		Long storedVersion = transaction.execute((status) -> {
			Stored stored = jdbc.sql("SELECT version, attributes FROM console_session WHERE id_hash = :idHash FOR UPDATE")
				.param("idHash", storedIdHash)
				.query((rs, n) -> new Stored(rs.getLong("version"), rs.getBytes("attributes")))
				.optional()
				.orElse(null);
			if (stored == null) {
				return null;
			}
			Map<String, byte[]> attributes = codec.split(stored.attributes());
			changes.forEach((name, bytes) -> {
				if (bytes != null) {
					attributes.put(name, bytes);
				}
				else {
					attributes.remove(name);
				}
			});
			jdbc.sql("""
					UPDATE console_session
					SET id_hash = :idHash, version = version + 1, attributes = :attributes,
					    last_accessed_at = :lastAccessedAt, max_inactive_seconds = :maxInactive, expires_at = :expiresAt
					WHERE id_hash = :storedIdHash""")
				.param("idHash", idHash)
				.param("attributes", codec.join(attributes))
				.param("lastAccessedAt", utc(session.getLastAccessedTime()))
				.param("maxInactive", seconds(session.getMaxInactiveInterval()))
				.param("expiresAt", utc(expiry(session)))
				.param("storedIdHash", storedIdHash)
				.update();
			return stored.version();
		});
		held.remove(storedIdHash);
		if (storedVersion == null) {
			return;
		}
		long version = storedVersion + 1;
		if (storedVersion == session.version()) {
			// Nothing else changed since this request read the session: its attributes are the new version's.
			hold(idHash, version, session);
		}
		session.stored(idHash, version, session.getLastAccessedTime());
	}

	private void touch(DatabaseSession session) {
		jdbc.sql("""
				UPDATE console_session
				SET last_accessed_at = :lastAccessedAt, max_inactive_seconds = :maxInactive, expires_at = :expiresAt
				WHERE id_hash = :idHash""")
			.param("lastAccessedAt", utc(session.getLastAccessedTime()))
			.param("maxInactive", seconds(session.getMaxInactiveInterval()))
			.param("expiresAt", utc(expiry(session)))
			.param("idHash", session.storedIdHash())
			.update();
		session.stored(session.storedIdHash(), session.version(), session.getLastAccessedTime());
	}

	private void hold(String idHash, long version, DatabaseSession session) {
		held.put(idHash, new Held(version, Collections.unmodifiableMap(new HashMap<>(session.attributes())),
				clock.instant()));
	}

	private static Instant expiry(DatabaseSession session) {
		return session.getLastAccessedTime().plus(session.getMaxInactiveInterval());
	}

	private static int seconds(Duration interval) {
		return Math.toIntExact(interval.toSeconds());
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** The SHA-256 of a session ID, in hex: the only form of it that the database sees. */
	static String hash(String id) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/** The scope of one request: {@link #close()} forgets the sessions found in it. */
	interface RequestScope extends AutoCloseable {

		@Override
		void close();

	}

	private record Row(long version, Instant createdAt, Instant lastAccessedAt, Duration maxInactiveInterval,
			byte[] attributes) {
	}

	private record Stored(long version, byte[] attributes) {
	}

	/** A version of a session's attributes, deserialized, that this instance's requests share. */
	private static final class Held {

		private final long version;

		private final Map<String, Object> attributes;

		private volatile Instant usedAt;

		Held(long version, Map<String, Object> attributes, Instant usedAt) {
			this.version = version;
			this.attributes = attributes;
			this.usedAt = usedAt;
		}

		long version() {
			return version;
		}

		Map<String, Object> attributes() {
			return attributes;
		}

		void used(Instant now) {
			usedAt = now;
		}

		boolean usedBefore(Instant instant) {
			return usedAt.isBefore(instant);
		}

	}

}
