package io.connectionsconsole.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.NotPermittedException;
import io.connectionsconsole.support.QueuedBehind;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What administrators and users do with the users of an account, run against each database the console supports. */
@RecordApplicationEvents
abstract class UserServiceContract {

	static final String NEW_PASSWORD = "a-new-password-of-the-user";

	@Autowired
	UserService users;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccountRepository accounts;

	@Autowired
	AccessKeyService accessKeys;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	AuditLog audit;

	@Autowired
	ApplicationEvents events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	private boolean signsInWith(String username, String password) {
		return accounts.findForSignIn(username)
			.filter(ConsoleUser::isEnabled)
			.filter((user) -> passwordEncoder.matches(password, user.getPassword()))
			.isPresent();
	}

	private List<String> auditActions(Caller caller) {
		return audit.latest(caller.accountId().value(), 20).stream().map(AuditEvent::action).toList();
	}

	private List<String> enabledAdmins(Caller of) {
		return accounts.usersOf(of.accountId())
			.stream()
			.filter((user) -> user.enabled() && user.role() == Role.ADMIN)
			.map(UserRecord::username)
			.toList();
	}

	private String newUsername() {
		return "user-" + System.nanoTime();
	}

	@Test
	void anAdministratorAddsAUserWithARoleWhoSignsInWithTheInitialPassword() {
		Caller admin = testAccounts.newAdmin();
		String username = newUsername();

		UserRecord added = users.addUser(admin, username, Role.READ_ONLY, "initial-password-1");

		assertThat(added.username()).isEqualTo(username);
		assertThat(added.role()).isEqualTo(Role.READ_ONLY);
		assertThat(added.enabled()).isTrue();
		assertThat(added.accountId()).isEqualTo(admin.accountId());
		assertThat(signsInWith(username, "initial-password-1")).isTrue();
		assertThat(accounts.passwordHash(added.id())).doesNotContain("initial-password-1");
		assertThat(audit.latest(admin.accountId().value(), 1)).singleElement().satisfies((event) -> {
			assertThat(event.action()).isEqualTo("AddUser");
			assertThat(event.resource()).isEqualTo(username);
			assertThat(event.detail()).isEqualTo("READ_ONLY");
		});
	}

	@Test
	void aNewUsersNameAndPasswordMustFollowTheRulesAndNothingIsStoredOtherwise() {
		Caller admin = testAccounts.newAdmin();
		String username = newUsername();

		assertThatThrownBy(() -> users.addUser(admin, "ab", Role.ADMIN, "long-enough-password"))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("3 to 64 characters");
		assertThatThrownBy(() -> users.addUser(admin, "-dash", Role.ADMIN, "long-enough-password"))
			.hasMessageContaining("starts with a letter or digit");
		assertThatThrownBy(() -> users.addUser(admin, "new\u0000user", Role.ADMIN, "long-enough-password"))
			.hasMessageContaining("may contain only");
		assertThatThrownBy(() -> users.addUser(admin, username, Role.ADMIN, "eleven-char"))
			.hasMessageContaining("at least 12 characters");
		assertThatThrownBy(() -> users.addUser(admin, "Twelve-chars", Role.ADMIN, "twelve-CHARS"))
			.hasMessageContaining("must not be the user name");
		assertThatThrownBy(() -> users.addUser(admin, username, Role.ADMIN, "é".repeat(37)))
			.hasMessageContaining("at most 72 bytes");
		for (String untypeable : new String[] { "\u0000".repeat(12), "\u200b".repeat(12), " ".repeat(12),
				"long-enough\u0085pw" }) {
			assertThatThrownBy(() -> users.addUser(admin, username, Role.ADMIN, untypeable))
				.hasMessage("A password can't hold control or invisible characters, nor be spaces alone.");
		}
		assertThatThrownBy(() -> users.addUser(admin, admin.username(), Role.ADMIN, "long-enough-password"))
			.hasMessageContaining("already exists");

		assertThat(accounts.usersOf(admin.accountId())).hasSize(1);
		assertThat(auditActions(admin)).isEmpty();
	}

	@Test
	void userNamesAreUniqueWhateverTheirCaseInTheDatabaseTooAndSignInFindsThemInAnyCase() {
		Caller admin = testAccounts.newAdmin();
		String name = newUsername();
		users.addUser(admin, name, Role.READ_ONLY, NEW_PASSWORD);

		assertThatThrownBy(() -> users.addUser(admin, name.toUpperCase(Locale.ROOT), Role.ADMIN, NEW_PASSWORD))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("A user named '" + name + "' already exists; user names can't differ by case alone.");
		assertThatThrownBy(() -> accounts.createUser(admin.accountId(), name.toUpperCase(Locale.ROOT), "{noop}x",
				Role.ADMIN, Instant.now()))
			.isInstanceOf(DuplicateKeyException.class);

		assertThat(accounts.usersOf(admin.accountId())).extracting(UserRecord::username)
			.containsExactlyInAnyOrder(admin.username(), name);
		assertThat(accounts.findForSignIn(name.toUpperCase(Locale.ROOT))).map(ConsoleUser::getUsername).hasValue(name);
	}

	@Test
	void signInFindsAUserByTheLowerCaseTheThrottleCountsItUnderAndNoOther() {
		Caller admin = testAccounts.newAdmin();
		String name = "admin-" + newUsername();
		users.addUser(admin, name, Role.READ_ONLY, NEW_PASSWORD);

		// U+0130: lower-cased by Java as i and a combining dot (the throttle's key), by a database's locale maybe as i
		String dotted = name.replace("admin", "adm\u0130n");
		assertThat(accounts.findForSignIn(dotted)).isEmpty();
		assertThat(accounts.usernameTaken(dotted)).isFalse();
	}

	@Test
	void aUserNameWithAnInvisibleFormatCharacterIsRefusedAndTheMessageWritesItAsAnEscape() {
		Caller admin = testAccounts.newAdmin();

		for (String invisible : List.of("\u200B", "\u200D", "\uFEFF", "\u202E", "\u2066", "\u00AD")) {
			assertThatThrownBy(() -> users.addUser(admin, "ali" + invisible + "ce", Role.READ_ONLY, NEW_PASSWORD))
				.isInstanceOf(InvalidInputException.class)
				.hasMessage("User name 'ali" + String.format("\\u%04X", (int) invisible.charAt(0))
						+ "ce' contains the invisible formatting character "
						+ String.format("U+%04X", (int) invisible.charAt(0))
						+ " at position 4; user names can't contain invisible characters.");
		}
		assertThat(accounts.usersOf(admin.accountId())).hasSize(1);
	}

	@Test
	void readOnlyUsersAreRefusedEveryChangeToUsersButChangeTheirOwnPassword() {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		assertThatThrownBy(() -> users.addUser(reader, newUsername(), Role.ADMIN, "long-enough-password"))
			.isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> users.changeRole(reader, reader.userId(), Role.ADMIN))
			.isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> users.disable(reader, admin.userId())).isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> users.enable(reader, reader.userId())).isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> users.resetPassword(reader, admin.userId(), NEW_PASSWORD))
			.isInstanceOf(NotPermittedException.class);
		assertThat(accounts.findUser(reader.userId()).orElseThrow().role()).isEqualTo(Role.READ_ONLY);

		users.changeOwnPassword(reader, TestAccounts.PASSWORD, NEW_PASSWORD);

		assertThat(signsInWith(reader.username(), NEW_PASSWORD)).isTrue();
	}

	@Test
	void anAdministratorDemotedMeanwhileIsRefusedWhatTheirSessionStillAllows() {
		Caller admin = testAccounts.newAdmin();
		Caller other = testAccounts.newUser(admin.accountId(), Role.ADMIN);

		users.changeRole(admin, other.userId(), Role.READ_ONLY);

		assertThat(other.role()).as("the demoted administrator's session").isEqualTo(Role.ADMIN);
		assertThatThrownBy(() -> users.addUser(other, newUsername(), Role.ADMIN, "long-enough-password"))
			.isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> users.changeRole(other, other.userId(), Role.ADMIN))
			.isInstanceOf(NotPermittedException.class);
		assertThat(auditActions(admin)).containsExactly("ChangeUserRole");
		assertThat(audit.latest(admin.accountId().value(), 1).get(0).detail()).isEqualTo("ADMIN to READ_ONLY");
		assertThat(events.stream(UserAccessChanged.class))
			.containsExactly(new UserAccessChanged(other.username(), UserAccessChanged.Change.ROLE_CHANGED));
	}

	/** Only another enabled administrator disables or demotes one, so the last one can be neither. */
	@Test
	void theLastEnabledAdministratorCanNotBeDemotedOrDisabled() {
		Caller admin = testAccounts.newAdmin();
		Caller disabledAdmin = testAccounts.newUser(admin.accountId(), Role.ADMIN);
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		users.disable(admin, disabledAdmin.userId());

		assertThatThrownBy(() -> users.changeRole(admin, admin.userId(), Role.READ_ONLY))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("You can't change your own role; another administrator can.");
		assertThatThrownBy(() -> users.disable(admin, admin.userId())).hasMessageContaining("your own user");
		Caller disabledSession = new Caller(disabledAdmin.userId(), disabledAdmin.username(), admin.accountId(),
				Role.ADMIN);
		assertThatThrownBy(() -> users.changeRole(disabledSession, admin.userId(), Role.READ_ONLY))
			.isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> users.disable(disabledSession, admin.userId()))
			.isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> users.changeRole(reader, admin.userId(), Role.READ_ONLY))
			.isInstanceOf(NotPermittedException.class);
		assertThat(enabledAdmins(admin)).containsExactly(admin.username());

		users.changeRole(admin, reader.userId(), Role.ADMIN);
		Caller promoted = new Caller(reader.userId(), reader.username(), reader.accountId(), Role.ADMIN);
		users.changeRole(promoted, admin.userId(), Role.READ_ONLY);

		assertThat(enabledAdmins(admin)).containsExactly(reader.username());
	}

	@Test
	void aDisabledUserCanNotSignInOrUseTheirKeysUntilEnabledAgain() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.ADMIN);
		NewAccessKey key = accessKeys.create(user);

		users.disable(admin, user.userId());

		assertThat(accessKeys.resolve(key.id())).isEmpty();
		assertThat(signsInWith(user.username(), TestAccounts.PASSWORD)).isFalse();
		assertThat(accounts.findUser(user.userId()).orElseThrow().enabled()).isFalse();
		assertThat(events.stream(UserAccessChanged.class))
			.containsExactly(new UserAccessChanged(user.username(), UserAccessChanged.Change.DISABLED));

		users.enable(admin, user.userId());

		assertThat(accessKeys.resolve(key.id())).isPresent();
		assertThat(signsInWith(user.username(), TestAccounts.PASSWORD)).isTrue();
		assertThat(auditActions(admin)).startsWith("EnableUser", "DisableUser");
	}

	@Test
	void anotherAccountsUserIsNotFound() {
		Caller admin = testAccounts.newAdmin();
		Caller stranger = testAccounts.newAdmin();

		assertThatThrownBy(() -> users.disable(admin, stranger.userId())).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> users.changeRole(admin, stranger.userId(), Role.READ_ONLY))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> users.resetPassword(admin, stranger.userId(), NEW_PASSWORD))
			.isInstanceOf(NotFoundException.class);

		assertThat(signsInWith(stranger.username(), TestAccounts.PASSWORD)).isTrue();
		assertThat(accounts.findUser(stranger.userId()).orElseThrow().role()).isEqualTo(Role.ADMIN);
	}

	@Test
	void anAdministratorResetsAnotherUsersPasswordButNotTheirOwn() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		assertThatThrownBy(() -> users.resetPassword(admin, user.userId(), "too-short"))
			.hasMessageContaining("at least 12 characters");
		users.resetPassword(admin, user.userId(), NEW_PASSWORD);

		assertThat(signsInWith(user.username(), NEW_PASSWORD)).isTrue();
		assertThat(signsInWith(user.username(), TestAccounts.PASSWORD)).isFalse();
		assertThat(events.stream(UserAccessChanged.class))
			.containsExactly(new UserAccessChanged(user.username(), UserAccessChanged.Change.PASSWORD_RESET));
		assertThatThrownBy(() -> users.resetPassword(admin, admin.userId(), NEW_PASSWORD))
			.hasMessageContaining("current one");
		assertThat(auditActions(admin)).containsExactly("ResetPassword");
		assertThat(audit.latest(admin.accountId().value(), 1).get(0).detail()).isNull();
	}

	@Test
	void aPasswordCheckedBeforeAnAdministratorsResetIsNotWrittenOverTheReset() {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		// what changing their own password reads before it checks the current one
		long versionAtTheCheck = accounts.accessVersion(user.userId()).orElseThrow();

		users.resetPassword(admin, user.userId(), "a-password-from-the-admin");

		assertThat(accounts.setPasswordHashUnlessChanged(user.userId(), passwordEncoder.encode(NEW_PASSWORD),
				versionAtTheCheck)).isFalse();
		assertThat(signsInWith(user.username(), "a-password-from-the-admin")).isTrue();
		assertThat(signsInWith(user.username(), NEW_PASSWORD)).isFalse();
		assertThat(accounts.setPasswordHashUnlessChanged(user.userId(), passwordEncoder.encode(NEW_PASSWORD),
				accounts.accessVersion(user.userId()).orElseThrow())).isTrue();
		assertThat(signsInWith(user.username(), NEW_PASSWORD)).isTrue();
	}

	@Test
	void changingYourOwnPasswordTakesTheCurrentOneAndANewOneThatFollowsTheRules() {
		Caller user = testAccounts.newAdmin();

		assertThatThrownBy(() -> users.changeOwnPassword(user, "not-the-password", NEW_PASSWORD))
			.isInstanceOf(InvalidInputException.class).hasMessage("The current password is not correct.");
		// nothing typed is asked for, and is no wrong guess: none written, and more than the allowance of guesses
		// leaves the change below possible
		for (int empty = 0; empty < 6; empty++) {
			assertThatThrownBy(() -> users.changeOwnPassword(user, "", NEW_PASSWORD))
				.isInstanceOf(InvalidInputException.class).hasMessage("Enter your current password.");
		}
		assertThatThrownBy(() -> users.changeOwnPassword(user, TestAccounts.PASSWORD, "short"))
			.hasMessageContaining("at least 12 characters");
		assertThatThrownBy(() -> users.changeOwnPassword(user, TestAccounts.PASSWORD, user.username().toUpperCase()))
			.hasMessageContaining("must not be the user name");
		assertThatThrownBy(() -> users.changeOwnPassword(user, TestAccounts.PASSWORD, TestAccounts.PASSWORD))
			.hasMessageContaining("must differ");
		assertThat(signsInWith(user.username(), TestAccounts.PASSWORD)).isTrue();

		users.changeOwnPassword(user, TestAccounts.PASSWORD, NEW_PASSWORD);

		assertThat(signsInWith(user.username(), NEW_PASSWORD)).isTrue();
		assertThat(signsInWith(user.username(), TestAccounts.PASSWORD)).isFalse();
		assertThat(auditActions(user)).containsExactly("ChangePassword", "ChangePasswordFailed");
		assertThat(events.stream(UserAccessChanged.class))
			.containsExactly(new UserAccessChanged(user.username(), UserAccessChanged.Change.PASSWORD_CHANGED));
	}

	@Test
	void twoAdministratorsDemotingOrDisablingEachOtherAtOnceLeaveOne() throws Exception {
		for (int round = 0; round < 6; round++) {
			Caller one = testAccounts.newAdmin();
			Caller two = testAccounts.newUser(one.accountId(), Role.ADMIN);
			boolean disabling = round % 2 == 1;

			List<Throwable> outcomes = atOnce(
					() -> change(disabling, one, two),
					() -> change(disabling, two, one));

			assertThat(outcomes).as("round %d", round).filteredOn((outcome) -> outcome == null).hasSize(1);
			assertThat(outcomes).filteredOn((outcome) -> outcome != null)
				.singleElement()
				.isInstanceOfAny(InvalidInputException.class, NotPermittedException.class);
			assertThat(enabledAdmins(one)).as("round %d", round).hasSize(1);
		}
	}

	private Void change(boolean disabling, Caller by, Caller of) {
		if (disabling) {
			users.disable(by, of.userId());
		}
		else {
			users.changeRole(by, of.userId(), Role.READ_ONLY);
		}
		return null;
	}

	/** Runs the calls together; each one's failure, or null where it succeeded. */
	private static List<Throwable> atOnce(Callable<Void> first, Callable<Void> second) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Void>> futures = new ArrayList<>();
			for (Callable<Void> call : List.of(first, second)) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<Throwable> outcomes = new ArrayList<>();
			for (Future<Void> future : futures) {
				try {
					future.get(30, TimeUnit.SECONDS);
					outcomes.add(null);
				}
				catch (ExecutionException ex) {
					outcomes.add(ex.getCause());
				}
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * First sign-ins of one name in two accounts at once: neither waits for the other's account, and the name one of
	 * them takes can't be seen by the other until it commits. The second gets the name with the provider after it.
	 */
	@Test
	void firstSignInsOfOneNameInTwoAccountsAtOnceBothGetIn() {
		Caller other = testAccounts.newAdmin();
		Caller admin = testAccounts.newAdmin();
		String name = "pat." + System.nanoTime();

		CompletableFuture<ConsoleUser> second = QueuedBehind.uncommittedBeside(transactions, jdbc, "console_user",
				() -> users.signInThrough(new IdentitySignIn("corp", other.accountId(), "one-" + name, name,
						Role.READ_ONLY)),
				() -> users.signInThrough(new IdentitySignIn("corp", admin.accountId(), "two-" + name, name,
						Role.ADMIN)));

		assertThat(second).succeedsWithin(Duration.ofSeconds(20))
			.satisfies((user) -> assertThat(user.getUsername()).isEqualTo(name + "+corp"))
			.satisfies((user) -> assertThat(user.accountId()).isEqualTo(admin.accountId()));
		assertThat(accounts.findForSignIn(name)).hasValueSatisfying(
				(user) -> assertThat(user.accountId()).isEqualTo(other.accountId()));
		assertThat(auditActions(admin)).contains("AddUserFromIdentityProvider", "SignInWithIdentityProvider");
	}

}
