package io.connectionsconsole.session;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.account.UserService;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the console's sessions are kept in the database, on each database it runs on: written sparsely, named by a hash,
 * and ended when written for a user whose access changed since they signed in.
 */
abstract class SessionStoreContract {

	@Autowired
	JdbcIndexedSessionRepository repository;

	@Autowired
	JdbcClient jdbc;

	/** What the session filter uses. */
	@Autowired
	SessionRepository<Session> filterRepository;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	UserService users;

	@Autowired
	AccountService accounts;

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

	/**
	 * What a sign-in does after it has read the user: a new session with them signed in, written. The session filter
	 * writes it at the end of the sign-in's request.
	 */
	private Session writeSessionSignedInAs(ConsoleUser user) {
		Session session = filterRepository.createSession();
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities())));
		filterRepository.save(session);
		return session;
	}

	private long sessionsOf(String username) {
		return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = :name")
			.param("name", username)
			.query(Long.class)
			.single();
	}

	@Test
	void aSignInThatReadTheUserBeforeTheyWereDisabledLeavesNoSessionBehind() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.ADMIN);
		ConsoleUser readBeforeTheChange = (ConsoleUser) accounts.loadUserByUsername(user.username());

		users.disable(admin, user.userId());
		Session session = writeSessionSignedInAs(readBeforeTheChange);

		assertThat(filterRepository.findById(session.getId())).isNull();
		assertThat(sessionsOf(user.username())).isZero();
	}

	@Test
	void aSignInThatReadTheUserBeforeTheirRoleOrPasswordChangedLeavesNoSessionBehind() {
		Caller admin = testAccounts.newAdmin();
		Caller demoted = testAccounts.newUser(admin.accountId(), Role.ADMIN);
		Caller reset = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		ConsoleUser demotedBefore = (ConsoleUser) accounts.loadUserByUsername(demoted.username());
		ConsoleUser resetBefore = (ConsoleUser) accounts.loadUserByUsername(reset.username());

		users.changeRole(admin, demoted.userId(), Role.READ_ONLY);
		users.resetPassword(admin, reset.userId(), "a-password-from-the-admin");

		assertThat(filterRepository.findById(writeSessionSignedInAs(demotedBefore).getId())).isNull();
		assertThat(filterRepository.findById(writeSessionSignedInAs(resetBefore).getId())).isNull();
	}

	@Test
	void aSessionOfAUserWhoseAccessDidNotChangeIsKeptAndOneBehindEndsAtItsNextWrite() {
		Caller user = testAccounts.newAccount(Role.ADMIN);
		Session session = writeSessionSignedInAs((ConsoleUser) accounts.loadUserByUsername(user.username()));
		assertThat(filterRepository.findById(session.getId())).isNotNull();

		// a change that ended no session: made by hand in the database, or by an instance that stopped before it could
		jdbc.sql("UPDATE console_user SET access_version = access_version + 1 WHERE id = :id")
			.param("id", user.userId())
			.update();
		Session again = filterRepository.findById(session.getId());
		again.setAttribute("anything", "changed");
		filterRepository.save(again);

		assertThat(filterRepository.findById(session.getId())).isNull();
	}

	@Test
	void aRequestThatReadTheSessionBeforeAnotherSignedItInAnewDoesNotEndIt() {
		Caller user = testAccounts.newAccount(Role.ADMIN);
		ConsoleUser signedIn = (ConsoleUser) accounts.loadUserByUsername(user.username());
		Session session = writeSessionSignedInAs(signedIn);
		Session changingTheirPassword = filterRepository.findById(session.getId());
		Session otherTab = filterRepository.findById(session.getId());

		// the request in which the user changed their own password: one more access version, and the session with it
		jdbc.sql("UPDATE console_user SET access_version = access_version + 1 WHERE id = :id")
			.param("id", user.userId())
			.update();
		ConsoleUser renewed = signedIn.withAccessVersion(signedIn.accessVersion() + 1);
		changingTheirPassword.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(renewed, null,
						renewed.getAuthorities())));
		filterRepository.save(changingTheirPassword);
		otherTab.setAttribute("flash", "from another tab");
		filterRepository.save(otherTab);

		assertThat(filterRepository.findById(session.getId())).isNotNull();
	}

}
