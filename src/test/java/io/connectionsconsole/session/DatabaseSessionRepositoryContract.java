package io.connectionsconsole.session;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.support.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database session store, run against each database the console supports. Two repositories on one database
 * stand for two console instances, each with its own copies of the sessions it has read.
 */
abstract class DatabaseSessionRepositoryContract {

	static final Duration TIMEOUT = Duration.ofMinutes(30);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	DataSource dataSource;

	final SettableClock clock = new SettableClock();

	DatabaseSessionRepository one;

	DatabaseSessionRepository two;

	@BeforeEach
	void twoInstances() {
		one = instance();
		two = instance();
	}

	DatabaseSessionRepository instance() {
		return new DatabaseSessionRepository(jdbc, transaction, clock, TIMEOUT, getClass().getClassLoader());
	}

	/** A request's read of the session, which the filter marks as accessed now. */
	DatabaseSession request(DatabaseSessionRepository instance, String id) {
		DatabaseSession session = instance.findById(id);
		assertThat(session).as("the session").isNotNull();
		session.setLastAccessedTime(clock.instant());
		return session;
	}

	String saved(DatabaseSessionRepository instance, Map<String, Object> attributes) {
		DatabaseSession session = instance.createSession();
		attributes.forEach(session::setAttribute);
		instance.save(session);
		return session.getId();
	}

	/** A request on {@code two} that changes the session's ID and nothing else, as signing in may: the new ID. */
	String changeIdOnTwo(String id) {
		DatabaseSession session = request(two, id);
		String newId = session.changeSessionId();
		two.save(session);
		return newId;
	}

	StoredRow row(String id) {
		return jdbc.sql("SELECT version, last_accessed_at, expires_at FROM console_session WHERE id_hash = :hash")
			.param("hash", SessionIds.sha256(id))
			.query((rs, n) -> new StoredRow(rs.getLong("version"),
					rs.getObject("last_accessed_at", OffsetDateTime.class).toInstant(),
					rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
			.optional()
			.orElse(null);
	}

	@Test
	void aSavedSessionIsFoundWithItsAttributesOnEveryInstance() {
		Instant created = clock.instant();
		String id = saved(one, Map.of("colour", "blue", "count", 3));

		DatabaseSession onTwo = two.findById(id);

		assertThat(onTwo.getId()).isEqualTo(id);
		assertThat(onTwo.getAttributeNames()).containsExactlyInAnyOrder("colour", "count");
		assertThat((String) onTwo.getAttribute("colour")).isEqualTo("blue");
		assertThat((Integer) onTwo.getAttribute("count")).isEqualTo(3);
		assertThat(onTwo.getCreationTime()).isEqualTo(created);
		assertThat(onTwo.getMaxInactiveInterval()).isEqualTo(TIMEOUT);
		assertThat(row(id)).isEqualTo(new StoredRow(0, created, created.plus(TIMEOUT)));
	}

	@Test
	void aNewSessionIsStoredOnlyOnceSaved() {
		DatabaseSession session = one.createSession();
		session.setAttribute("colour", "blue");

		assertThat(two.findById(session.getId())).isNull();
		assertThat(row(session.getId())).isNull();
	}

	@Test
	void theDatabaseHoldsTheSessionIdOnlyAsItsHash() {
		String firstId = saved(one, Map.of("colour", "blue"));
		String id = changeIdOnTwo(firstId);

		assertThat(row(id)).isNotNull();
		List<String> columns = jdbc.sql("SELECT * FROM console_session").query((rs, n) -> {
			ResultSetMetaData meta = rs.getMetaData();
			List<String> values = new ArrayList<>();
			for (int column = 1; column <= meta.getColumnCount(); column++) {
				Object value = rs.getObject(column);
				values.add((value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.ISO_8859_1)
						: String.valueOf(value));
			}
			return values;
		}).list().stream().flatMap(List::stream).toList();
		assertThat(columns).contains(SessionIds.sha256(id))
			.noneMatch((value) -> value.contains(id) || value.contains(firstId));
	}

	@Test
	void readingAnUnchangedSessionWritesNothingForAMinute() {
		Instant created = clock.instant();
		String id = saved(one, Map.of("colour", "blue"));

		clock.advance(Duration.ofSeconds(30));
		one.save(request(one, id));
		two.save(request(two, id));
		clock.advance(Duration.ofSeconds(29));
		one.save(request(one, id));
		two.save(request(two, id));

		assertThat(row(id)).isEqualTo(new StoredRow(0, created, created.plus(TIMEOUT)));
	}

	@Test
	void aRequestThroughTheFilterReadsAnUnchangedSessionWithOneQueryAndWritesNothing() throws Exception {
		Instant created = clock.instant();
		String id = saved(one, Map.of("colour", "blue"));
		StatementCounter statements = new StatementCounter(dataSource);
		DatabaseSessionFilter filter = new DatabaseSessionFilter(new DatabaseSessionRepository(JdbcClient.create(statements),
				new TransactionTemplate(new DataSourceTransactionManager(statements)), clock, TIMEOUT,
				getClass().getClassLoader()), new CookieHttpSessionIdResolver(), true);

		for (int request = 1; request <= 2; request++) {
			MockHttpServletRequest get = new MockHttpServletRequest("GET", "/connections");
			get.setCookies(new Cookie("SESSION", Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8))));
			filter.doFilter(get, new MockHttpServletResponse(), (page, response) -> {
				assertThat(((HttpServletRequest) page).getSession().getAttribute("colour")).isEqualTo("blue");
				// committed before the request ends, as a rendered page is: the filter saves the session twice
				response.flushBuffer();
			});
			assertThat(statements.count()).as("statements after request " + request).isEqualTo(request);
		}
		assertThat(row(id)).isEqualTo(new StoredRow(0, created, created.plus(TIMEOUT)));
	}

	@Test
	void theLastAccessTimeIsWrittenOnceItIsAMinuteOld() {
		String id = saved(one, Map.of("colour", "blue"));

		clock.advance(Duration.ofMinutes(1));
		Instant accessed = clock.instant();
		two.save(request(two, id));

		assertThat(row(id)).isEqualTo(new StoredRow(0, accessed, accessed.plus(TIMEOUT)));
	}

	@Test
	void anInstanceReadsTheAttributesOfAVersionOnceAndGivesEachRequestItsOwnSession() {
		String id = saved(one, Map.of("cart", new ArrayList<>(List.of("book"))));

		DatabaseSession first = request(two, id);
		DatabaseSession second = request(two, id);

		assertThat(second).isNotSameAs(first);
		assertThat((Object) second.getAttribute("cart")).as("not deserialized again").isSameAs(first.getAttribute("cart"));
		first.setAttribute("colour", "red");
		assertThat((Object) second.getAttribute("colour")).isNull();
	}

	@Test
	void anInstanceHoldingAnOlderVersionReadsTheNewOne() {
		String id = saved(one, Map.of("colour", "blue"));
		assertThat((String) request(one, id).getAttribute("colour")).isEqualTo("blue");

		DatabaseSession onTwo = request(two, id);
		onTwo.setAttribute("colour", "red");
		two.save(onTwo);

		assertThat((String) request(one, id).getAttribute("colour")).isEqualTo("red");
		assertThat(row(id).version()).isEqualTo(1);
	}

	@Test
	void changesMergePerAttributeWithThoseOfOtherRequests() {
		String id = saved(one, Map.of("a", 1, "b", 2, "c", 3));
		DatabaseSession onOne = request(one, id);
		DatabaseSession onTwo = request(two, id);

		onOne.setAttribute("a", 10);
		onTwo.setAttribute("b", 20);
		onTwo.removeAttribute("c");
		one.save(onOne);
		two.save(onTwo);

		for (DatabaseSessionRepository instance : List.of(one, two, instance())) {
			DatabaseSession merged = request(instance, id);
			assertThat(merged.getAttributeNames()).containsExactlyInAnyOrder("a", "b");
			assertThat((Integer) merged.getAttribute("a")).isEqualTo(10);
			assertThat((Integer) merged.getAttribute("b")).isEqualTo(20);
		}
		assertThat(row(id).version()).isEqualTo(2);
	}

	@Test
	void concurrentChangesToDifferentAttributesAreAllKept() throws Exception {
		String id = saved(one, Map.of());
		int requests = 8;
		List<DatabaseSession> sessions = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			DatabaseSession session = request((i % 2 == 0) ? one : two, id);
			session.setAttribute("attribute-" + i, i);
			sessions.add(session);
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			List<Future<Void>> saves = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				DatabaseSessionRepository instance = (i % 2 == 0) ? one : two;
				DatabaseSession session = sessions.get(i);
				saves.add(pool.submit((Callable<Void>) () -> {
					start.await();
					instance.save(session);
					return null;
				}));
			}
			start.countDown();
			for (Future<Void> save : saves) {
				save.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(request(instance(), id).getAttributeNames()).hasSize(requests);
		assertThat(row(id).version()).isEqualTo(requests);
	}

	@Test
	void savingAgainWritesOnlyWhatChangedSince() {
		String id = saved(one, Map.of("colour", "blue"));
		DatabaseSession session = request(two, id);
		session.setAttribute("colour", "red");

		two.save(session);
		two.save(session);

		assertThat(row(id).version()).isEqualTo(1);
	}

	@Test
	void changingTheIdMovesTheSessionToTheNewIdWithItsAttributes() {
		String oldId = saved(one, Map.of("colour", "blue"));
		DatabaseSession session = request(two, oldId);
		String newId = session.changeSessionId();
		session.setAttribute("signedIn", true);
		two.save(session);

		assertThat(one.findById(oldId)).isNull();
		assertThat(two.findById(oldId)).isNull();
		DatabaseSession moved = request(one, newId);
		assertThat((String) moved.getAttribute("colour")).isEqualTo("blue");
		assertThat((Boolean) moved.getAttribute("signedIn")).isTrue();
		assertThat(row(newId).version()).isEqualTo(1);
	}

	@Test
	void changingTheIdAloneIsWritten() {
		String oldId = saved(one, Map.of("colour", "blue"));
		String newId = changeIdOnTwo(oldId);

		assertThat(row(oldId)).isNull();
		assertThat((String) request(one, newId).getAttribute("colour")).isEqualTo("blue");
	}

	@Test
	void anExpiredSessionIsNotFoundAndIsDeleted() {
		String id = saved(one, Map.of("colour", "blue"));
		assertThat(request(two, id)).isNotNull();

		clock.advance(TIMEOUT.minusSeconds(1));
		assertThat(two.findById(id)).isNotNull();
		clock.advance(Duration.ofSeconds(1));

		assertThat(two.findById(id)).isNull();
		assertThat(row(id)).isNull();
	}

	@Test
	void theCleanupDeletesExpiredSessionsOnly() {
		String expiring = saved(one, Map.of("colour", "blue"));
		clock.advance(Duration.ofMinutes(10));
		String recent = saved(one, Map.of("colour", "red"));

		clock.advance(TIMEOUT.minusMinutes(5));
		assertThat(two.deleteExpired()).isPositive();

		assertThat(row(expiring)).isNull();
		assertThat(row(recent)).isNotNull();
	}

	@Test
	void deletingASessionDeletesItForEveryInstance() {
		String id = saved(one, Map.of("colour", "blue"));
		assertThat(request(two, id)).isNotNull();

		one.deleteById(id);

		assertThat(two.findById(id)).isNull();
		assertThat(one.findById(id)).isNull();
		assertThat(row(id)).isNull();
	}

	@Test
	void aSessionDeletedWhileARequestHadItStaysDeleted() {
		String id = saved(one, Map.of("colour", "blue"));
		DatabaseSession session = request(two, id);

		one.deleteById(id);
		session.setAttribute("colour", "red");
		two.save(session);

		assertThat(row(id)).isNull();
		assertThat(two.findById(id)).isNull();
	}

	@Test
	void aSessionWhoseAttributesCanNoLongerBeReadIsNotServed() {
		String id = saved(one, Map.of("colour", "blue"));
		SessionAttributeCodec codec = new SessionAttributeCodec(getClass().getClassLoader());
		jdbc.sql("UPDATE console_session SET version = version + 1, attributes = :attributes WHERE id_hash = :hash")
			.param("attributes", codec.join(Map.of("colour", "not Java serialization".getBytes(StandardCharsets.UTF_8))))
			.param("hash", SessionIds.sha256(id))
			.update();

		assertThat(two.findById(id)).isNull();
		assertThat(one.findById(id)).isNull();
	}

	record StoredRow(long version, Instant lastAccessedAt, Instant expiresAt) {
	}

	/**
	 * A clock that moves only when told, starting at the current time (in whole milliseconds, which both databases
	 * keep exactly) so that other tests' sessions on the same database expire as they would.
	 */
	static final class SettableClock extends Clock {

		private Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
