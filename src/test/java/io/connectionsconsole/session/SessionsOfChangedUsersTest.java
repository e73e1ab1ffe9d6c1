package io.connectionsconsole.session;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.transaction.event.TransactionalEventListener;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.account.UserAccessChanged;
import io.connectionsconsole.account.UserService;
import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.SessionIds;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a change to a user does to the sessions they are signed in with, over HTTP against a running console: disabled,
 * given another role or a new password by an administrator, the user is sent to sign in on their next request; the
 * administrator's own session goes on. A user who changes their own password stays signed in where they changed it.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(SessionsOfChangedUsersTest.AnotherTab.class)
class SessionsOfChangedUsersTest {

	/**
	 * Another request of a session (another tab, an htmx call), which read the session before its user changed their
	 * password there and writes it right after that change is committed, before the changing request has ended.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class AnotherTab {

		static final AtomicReference<Session> READ_BEFORE = new AtomicReference<>();

		@Autowired
		FindByIndexNameSessionRepository<Session> sessions;

		@TransactionalEventListener
		void writesItsCopy(UserAccessChanged change) {
			Session copy = READ_BEFORE.getAndSet(null);
			if (copy != null) {
				copy.setAttribute("another-tab", "written");
				sessions.save(copy);
			}
		}

	}

	@Autowired
	FindByIndexNameSessionRepository<Session> sessions;

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	UserService users;

	@Autowired
	JdbcClient jdbc;

	private String base() {
		return "http://localhost:" + port;
	}

	private ConsoleHttpClient signedIn(Caller user) {
		return ConsoleHttpClient.signIn(base(), user.username(), TestAccounts.PASSWORD);
	}

	private long sessionsOf(Caller user) {
		return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = :name")
			.param("name", user.username())
			.query(Long.class)
			.single();
	}

	private static void assertSentToSignIn(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
	}

	@Test
	void aDisabledUsersSessionsEndAtOnceAndEnablingThemDoesNotBringThemBack() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		ConsoleHttpClient laptop = signedIn(user);
		ConsoleHttpClient phone = signedIn(user);
		assertThat(laptop.get("/audit").statusCode()).isEqualTo(200);
		assertThat(sessionsOf(user)).isEqualTo(2);

		users.disable(admin, user.userId());

		assertThat(sessionsOf(user)).isZero();
		assertSentToSignIn(laptop.get("/audit"));
		assertSentToSignIn(phone.get("/connections?region=us-east-1"));
		users.enable(admin, user.userId());
		assertSentToSignIn(laptop.get("/audit"));
	}

	@Test
	void anHtmxRequestOfADisabledUserReloadsThePageToSignIn() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.ADMIN);
		ConsoleHttpClient browser = signedIn(user);

		users.disable(admin, user.userId());

		HttpResponse<String> inPlace = browser.get("/connections?region=us-east-1", "HX-Request", "true");
		assertThat(inPlace.statusCode()).isEqualTo(403);
		assertThat(inPlace.headers().firstValue("HX-Refresh")).hasValue("true");
	}

	@Test
	void aUserGivenAnotherRoleSignsInAgainAndGetsIt() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.ADMIN);
		ConsoleHttpClient browser = signedIn(user);
		assertThat(browser.get("/settings/users").statusCode()).isEqualTo(200);

		users.changeRole(admin, user.userId(), Role.READ_ONLY);

		assertSentToSignIn(browser.get("/settings/users"));
		assertThat(signedIn(user).get("/settings/users").statusCode()).isEqualTo(403);
	}

	@Test
	void aUserWhosePasswordWasResetSignsInAgainWithTheNewOne() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		ConsoleHttpClient browser = signedIn(user);

		users.resetPassword(admin, user.userId(), "a-password-from-the-admin");

		assertSentToSignIn(browser.get("/audit"));
		assertThat(ConsoleHttpClient.signIn(base(), user.username(), "a-password-from-the-admin").get("/audit")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void changingYourOwnPasswordEndsYourOtherSessionsAndKeepsThisOne() {
		Caller user = testAccounts.newAccount(Role.READ_ONLY);
		ConsoleHttpClient here = signedIn(user);
		ConsoleHttpClient elsewhere = signedIn(user);

		HttpResponse<String> changed = here.post("/settings/password", "currentPassword=" + TestAccounts.PASSWORD
				+ "&newPassword=my-new-password-1&confirmPassword=my-new-password-1");

		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(changed.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/settings/password"));
		assertThat(here.get("/settings/password").body()).contains("Your password was changed.");
		assertSentToSignIn(elsewhere.get("/audit"));
		assertThat(sessionsOf(user)).isOne();
	}

	@Test
	void anotherRequestOfTheSessionWritingItAsTheOwnPasswordChangeCommitsDoesNotEndIt() {
		Caller user = testAccounts.newAccount(Role.READ_ONLY);
		ConsoleHttpClient here = signedIn(user);
		String id = SessionIds.sha256(SessionIds.fromCookie(here.cookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("SESSION"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow()));
		AnotherTab.READ_BEFORE.set(sessions.findById(id));
		assertThat(AnotherTab.READ_BEFORE.get()).as("the other request's copy").isNotNull();

		HttpResponse<String> changed = here.post("/settings/password", "currentPassword=" + TestAccounts.PASSWORD
				+ "&newPassword=my-new-password-2&confirmPassword=my-new-password-2");

		assertThat(AnotherTab.READ_BEFORE.get()).as("the other request wrote").isNull();
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(here.get("/settings/password").body()).as("still signed in").contains("Your password was changed.");
		assertThat(sessionsOf(user)).isOne();
	}

	@Test
	void changingYourOwnPasswordInASessionThatWasAlreadyBehindDoesNotKeepIt() {
		Caller user = testAccounts.newAccount(Role.ADMIN);
		ConsoleHttpClient behind = signedIn(user);
		// a change that ended no session: made by hand in the database, or by an instance that stopped before it could
		jdbc.sql("UPDATE console_user SET access_version = access_version + 1 WHERE id = :id")
			.param("id", user.userId())
			.update();

		behind.post("/settings/password", "currentPassword=" + TestAccounts.PASSWORD
				+ "&newPassword=my-new-password-1&confirmPassword=my-new-password-1");

		assertSentToSignIn(behind.get("/audit"));
		assertThat(sessionsOf(user)).isZero();
	}

	@Test
	void theAdministratorsOwnSessionAndOtherUsersSessionsGoOn() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		Caller colleague = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		ConsoleHttpClient adminBrowser = signedIn(admin);
		ConsoleHttpClient colleagueBrowser = signedIn(colleague);
		signedIn(user);

		users.disable(admin, user.userId());

		assertThat(adminBrowser.get("/settings/users").statusCode()).isEqualTo(200);
		assertThat(colleagueBrowser.get("/audit").statusCode()).isEqualTo(200);
		assertThat(sessionsOf(colleague)).isOne();
	}

}
