package io.connectionsconsole.session;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** How the console's sessions are kept in the database, on each database it runs on. */
abstract class SessionStoreContract {

	@Autowired
	JdbcIndexedSessionRepository repository;

	@Autowired
	JdbcClient jdbc;

	/** What the session filter uses. */
	@Autowired
	SessionRepository<Session> filterRepository;

	/** The repository through its interface: the sessions it makes are of a type Spring Session keeps to itself. */
	@SuppressWarnings("unchecked")
	private SessionRepository<Session> sessions() {
		return (SessionRepository<Session>) (SessionRepository<?>) repository;
	}

	@Test
	void twoRequestsOfOneSessionAddingTheSameAttributeAtOnceBothSucceedAndTheLaterValueStays() {
		Session created = sessions().createSession();
		sessions().save(created);
		// Each request holds its own copy of the session, read before the other one saved.
		Session first = sessions().findById(created.getId());
		Session second = sessions().findById(created.getId());

		first.setAttribute("flash", "from the first request");
		sessions().save(first);
		second.setAttribute("flash", "from the second request");
		sessions().save(second);

		assertThat(sessions().findById(created.getId()).<String>getAttribute("flash")).isEqualTo("from the second request");
	}

	@Test
	void theDatabaseNamesASessionByTheHashOfItsSecretOnly() {
		Session created = sessions().createSession();
		sessions().save(created);

		String id = created.getId();
		assertThat(id).matches("[0-9a-f]{64}");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isOne();
	}

	private Instant storedAccess(String id) {
		return Instant.ofEpochMilli(jdbc.sql("SELECT last_access_time FROM spring_session WHERE session_id = :id")
			.param("id", id)
			.query(Long.class)
			.single());
	}

	@Test
	void aSessionThatARequestOnlyReadIsWrittenOnceItsStoredAccessTimeIsAMinuteOld() {
		Session created = filterRepository.createSession();
		filterRepository.save(created);
		Instant stored = storedAccess(created.getId());

		Session read = filterRepository.findById(created.getId());
		read.setLastAccessedTime(stored.plusSeconds(59));
		filterRepository.save(read);
		assertThat(storedAccess(created.getId())).isEqualTo(stored);

		Session readLater = filterRepository.findById(created.getId());
		readLater.setLastAccessedTime(stored.plusSeconds(60));
		filterRepository.save(readLater);
		assertThat(storedAccess(created.getId())).isEqualTo(stored.plusSeconds(60));
	}

	@Test
	void aSessionWhoseAttributesARequestChangedIsWrittenAtOnce() {
		Session created = filterRepository.createSession();
		filterRepository.save(created);
		Instant stored = storedAccess(created.getId());

		Session changed = filterRepository.findById(created.getId());
		changed.setLastAccessedTime(stored.plusSeconds(1));
		changed.setAttribute("region", "eu-west-1");
		filterRepository.save(changed);

		assertThat(storedAccess(created.getId())).isEqualTo(stored.plusSeconds(1));
		assertThat(filterRepository.findById(created.getId()).<String>getAttribute("region")).isEqualTo("eu-west-1");
	}

}
