package io.connectionsconsole.session;

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

}
