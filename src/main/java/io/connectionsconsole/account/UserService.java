package io.connectionsconsole.account;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.crypto.RandomSecrets;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.NotPermittedException;
import io.connectionsconsole.error.Printable;

/**
 * The users of an account: what administrators do with them (add, change a role, disable and enable, reset a
 * password) and what every user does (change their own password). Every change is in the audit trail.
 * <p>
 * An account always keeps an enabled administrator: only an enabled administrator disables or demotes a user, never
 * themselves, and is checked against the database (not against the role their session remembers) under the account's
 * row lock, so that two administrators demoting each other at once, on any console instances, leave one.
 */
@Service
public class UserService {

	/** A password hash for users of an identity provider: of a random secret that is never kept. */
	private static final StringKeyGenerator UNUSABLE_PASSWORDS = RandomSecrets.urlSafe();

	/** How many names a first sign-in tries when others take them at the same moment. */
	private static final int MAX_NAME_ATTEMPTS = 3;

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PasswordGuesses guesses;

	private final TransactionTemplate transaction;

	/** A first sign-in's new user, apart from the rest of its transaction: a savepoint, for a name taken meanwhile. */
	private final TransactionTemplate newUser;

	UserService(AccountRepository accounts, PasswordEncoder passwordEncoder, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, PasswordGuesses guesses, TransactionTemplate transaction) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.guesses = guesses;
		this.transaction = transaction;
		this.newUser = new TransactionTemplate(transaction.getTransactionManager());
		this.newUser.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@Transactional(readOnly = true)
	public List<UserRecord> users(Caller caller) {
		caller.requireWrite("manage users");
		return accounts.usersOf(caller.accountId());
	}

	/** A user of the caller's account; another account's user is not found. */
	@Transactional(readOnly = true)
	public UserRecord user(Caller caller, long userId) {
		caller.requireWrite("manage users");
		return accounts.findUser(userId)
			.filter((user) -> user.accountId().equals(caller.accountId()))
			.orElseThrow(() -> new NotFoundException("User " + userId + " was not found."));
	}

	/** The Region the user chose last, in any session. */
	public Optional<String> lastRegion(long userId) {
		return accounts.findUser(userId).map(UserRecord::lastRegion);
	}

	public void rememberRegion(long userId, String region) {
		accounts.rememberRegion(userId, region);
	}

	/** Adds a user to the caller's account, enabled, with an initial password for them to change. */
	@Transactional
	public UserRecord addUser(Caller caller, String username, Role role, String initialPassword) {
		requireAdmin(caller);
		String name = new Username(username).value();
		PasswordRules.requireValid("Password", name, initialPassword);
		accounts.findForSignIn(name).ifPresent((existing) -> {
			throw new InvalidInputException("Username", existing.getUsername().equals(name)
					? "A user named '" + name + "' already exists."
					: "A user named '" + existing.getUsername() + "' already exists; user names can't differ by case "
							+ "alone.");
		});
		long id;
		try {
			id = accounts.createUser(caller.accountId(), name, passwordEncoder.encode(initialPassword), role,
					clock.instant());
		}
		catch (DuplicateKeyException ex) {
			// added meanwhile by another administrator: the unique index over the lower-cased name holds
			throw new InvalidInputException("Username", "A user named '" + name + "', in this or another case, "
					+ "already exists.");
		}
		audit.record(caller.accountId().value(), caller.username(), "AddUser", name, role.name());
		return accounts.findUser(id).orElseThrow();
	}

	/**
	 * Signs in someone an identity provider vouched for: the user it knows by that subject, created at their first
	 * sign-in (never matched to a user by name or e-mail), with the role their groups give them now. Refused, creating
	 * nothing, without a role, for a disabled user, or for an account that doesn't exist. A role that changed with the
	 * groups is recorded, and ends the user's other sessions. A user the groups give no role any more is disabled as
	 * well as refused, so that their sessions end and their API keys stop, as their role's would; an administrator
	 * enables them again. A refusal is recorded too, and its transaction commits.
	 */
	@Transactional(noRollbackFor = IdentitySignInRefusedException.class)
	public ConsoleUser signInThrough(IdentitySignIn signIn) {
		Optional<UserRecord> known = accounts.lockIdentityUser(signIn.provider(), signIn.subject());
		AccountId account = known.map(UserRecord::accountId).orElse(signIn.account());
		if (signIn.role() == null) {
			known.filter(UserRecord::enabled).ifPresent((user) -> {
				accounts.setEnabled(user.id(), false);
				audit.record(account.value(), signIn.provider(), "DisableUserFromGroups", user.username(), null);
				events.publishEvent(new UserAccessChanged(user.username(), UserAccessChanged.Change.DISABLED));
			});
			throw refused(account, known.map(UserRecord::username).orElse(signIn.name()), signIn,
					IdentitySignInRefusedException.Reason.NO_GROUP);
		}
		if (known.isEmpty()) {
			if (!accounts.lockAccount(account)) {
				throw refused(account, signIn.name(), signIn, IdentitySignInRefusedException.Reason.NO_ACCOUNT);
			}
			// a first sign-in of the same person at once, which held the account's lock before this one, made them
			known = accounts.lockIdentityUser(signIn.provider(), signIn.subject());
		}
		if (known.isEmpty()) {
			return firstSignIn(account, signIn);
		}
		UserRecord user = known.get();
		if (!user.enabled()) {
			throw refused(account, user.username(), signIn, IdentitySignInRefusedException.Reason.DISABLED);
		}
		if (user.role() != signIn.role()) {
			accounts.setRole(user.id(), signIn.role());
			audit.record(account.value(), signIn.provider(), "ChangeUserRoleFromGroups", user.username(),
					user.role().name() + " to " + signIn.role().name());
			events.publishEvent(new UserAccessChanged(user.username(), UserAccessChanged.Change.ROLE_CHANGED));
		}
		return signedIn(accounts.findUser(user.id()).orElseThrow(), signIn);
	}

	/**
	 * Makes the user an identity provider vouched for the first time. User names are unique over all accounts, whose
	 * first sign-ins don't wait for each other: a name another account's first sign-in took meanwhile (a name not yet
	 * committed can't be seen, only met at the insert) is passed over for the next.
	 */
	private ConsoleUser firstSignIn(AccountId account, IdentitySignIn signIn) {
		String hash = passwordEncoder.encode(UNUSABLE_PASSWORDS.generateKey());
		Set<String> takenMeanwhile = new HashSet<>();
		for (int attempt = 1;; attempt++) {
			String username = freeUsername(signIn, takenMeanwhile);
			try {
				long id = newUser.execute((status) -> accounts.createIdentityUser(account, username, signIn.provider(),
						signIn.subject(), hash, signIn.role(), clock.instant()));
				audit.record(account.value(), username, "AddUserFromIdentityProvider", username,
						signIn.provider() + ", " + signIn.role().name());
				return signedIn(accounts.findUser(id).orElseThrow(), signIn);
			}
			catch (DuplicateKeyException ex) {
				if (attempt == MAX_NAME_ATTEMPTS) {
					throw ex;
				}
				takenMeanwhile.add(username.toLowerCase(Locale.ROOT));
			}
		}
	}

	/**
	 * An identity provider's sign-in refused before anyone was known: its answer did not hold. Anyone can make such an
	 * answer up, so the first for the provider in 15 minutes is recorded and the rest only logged. No transaction: the
	 * throttle's statements each commit on their own, and on PostgreSQL a first row written by two refusals at once
	 * would otherwise end the second one's transaction with the duplicate key it takes in its stride.
	 */
	public void recordIdentityRefusal(AccountId account, String provider, String error) {
		if (accounts.accountExists(account) && guesses.firstAnonymousRefusal("identity-provider\n" + provider)) {
			audit.record(account.value(), provider, "SignInRefused", provider,
					IdentitySignInRefusedException.Reason.INVALID_TOKEN.name() + ", " + Printable.within(error, 100));
		}
	}

	private ConsoleUser signedIn(UserRecord user, IdentitySignIn signIn) {
		audit.record(user.accountId().value(), user.username(), "SignInWithIdentityProvider", user.username(),
				signIn.provider());
		return new ConsoleUser(user.id(), user.username(), user.accountId(), user.role(), null, true, signIn.provider(),
				accounts.accessVersion(user.id()).orElseThrow());
	}

	private IdentitySignInRefusedException refused(AccountId account, String name, IdentitySignIn signIn,
			IdentitySignInRefusedException.Reason reason) {
		if (accounts.accountExists(account)) {
			// the name the identity provider gives, as it gives it, when no user has it yet
			String actor = Printable.within(name, AuditLog.MAX_ACTOR);
			audit.record(account.value(), actor, "SignInRefused", actor, signIn.provider() + ", " + reason.name());
		}
		return new IdentitySignInRefusedException(reason);
	}

	/**
	 * The name the provider gives them, made a valid user name; when another user has it, with the provider's id, then
	 * a number, after it.
	 */
	private String freeUsername(IdentitySignIn signIn, Set<String> takenMeanwhile) {
		String base = signIn.name() == null ? "" : signIn.name().replaceAll("[^A-Za-z0-9._@+-]", "-");
		base = base.replaceFirst("^[^A-Za-z0-9]+", "");
		if (base.length() < 3) {
			base = (signIn.provider() + "-" + signIn.subject()).replaceAll("[^A-Za-z0-9._@+-]", "-");
		}
		String name = shorten(base, "");
		for (int n = 1; takenMeanwhile.contains(name.toLowerCase(Locale.ROOT)) || accounts.usernameTaken(name); n++) {
			name = shorten(base, "+" + signIn.provider() + (n == 1 ? "" : "-" + n));
		}
		return new Username(name).value();
	}

	private static String shorten(String base, String suffix) {
		int room = Username.MAX_LENGTH - suffix.length();
		return (base.length() > room ? base.substring(0, room) : base) + suffix;
	}

	/** Another user's role: administrators can't change their own, as they can't disable themselves. */
	@Transactional
	public void changeRole(Caller caller, long userId, Role role) {
		UserRecord user = lockedUserOfAccount(caller, userId);
		if (user.id() == caller.userId()) {
			throw new InvalidInputException("Role", "You can't change your own role; another administrator can.");
		}
		if (user.role() == role) {
			return;
		}
		accounts.setRole(userId, role);
		audit.record(caller.accountId().value(), caller.username(), "ChangeUserRole", user.username(),
				user.role().name() + " to " + role.name());
		events.publishEvent(new UserAccessChanged(user.username(), UserAccessChanged.Change.ROLE_CHANGED));
	}

	/**
	 * Disables a user: they can't sign in, their API keys stop working, and their sessions should end. Answers the
	 * user as found before the change, for the page to name them; the other changes of one user answer it too.
	 */
	@Transactional
	public UserRecord disable(Caller caller, long userId) {
		UserRecord user = lockedUserOfAccount(caller, userId);
		if (user.id() == caller.userId()) {
			throw new InvalidInputException("User", "You can't disable your own user; ask another administrator.");
		}
		if (user.enabled()) {
			accounts.setEnabled(userId, false);
			audit.record(caller.accountId().value(), caller.username(), "DisableUser", user.username(), null);
			events.publishEvent(new UserAccessChanged(user.username(), UserAccessChanged.Change.DISABLED));
		}
		return user;
	}

	@Transactional
	public UserRecord enable(Caller caller, long userId) {
		UserRecord user = lockedUserOfAccount(caller, userId);
		if (!user.enabled()) {
			accounts.setEnabled(userId, true);
			audit.record(caller.accountId().value(), caller.username(), "EnableUser", user.username(), null);
		}
		return user;
	}

	/** Gives a user of the account a new password, for when they have lost theirs. */
	@Transactional
	public UserRecord resetPassword(Caller caller, long userId, String newPassword) {
		UserRecord user = lockedUserOfAccount(caller, userId);
		if (user.id() == caller.userId()) {
			throw new InvalidInputException("User", "Change your own password with your current one, not by a reset.");
		}
		if (!user.signsInWithPassword()) {
			throw new InvalidInputException("User", user.username() + " signs in through identity provider "
					+ user.identityProvider() + " and has no password here.");
		}
		PasswordRules.requireValid("NewPassword", user.username(), newPassword);
		accounts.setPasswordHash(userId, passwordEncoder.encode(newPassword));
		audit.record(caller.accountId().value(), caller.username(), "ResetPassword", user.username(), null);
		events.publishEvent(new UserAccessChanged(user.username(), UserAccessChanged.Change.PASSWORD_RESET));
		return user;
	}

	/**
	 * Any user, read-only ones too: their own password, given the current one. Their other sessions end. Wrong current
	 * passwords are limited as sign-ins are (a stolen session must not guess on without end) and audited: the check
	 * comes before the transaction, so that a refused change still leaves its count and its event. A reset by an
	 * administrator, or any change of the user's access, between the check and the write refuses the change: the
	 * reset is never overwritten by a password that was checked against the one it replaced.
	 */
	public void changeOwnPassword(Caller caller, String currentPassword, String newPassword) {
		UserRecord user = accounts.findUser(caller.userId())
			.filter(UserRecord::enabled)
			.orElseThrow(() -> new NotFoundException("Your user was not found, or is disabled."));
		if (!user.signsInWithPassword()) {
			throw new InvalidInputException("CurrentPassword", "You sign in through identity provider "
					+ user.identityProvider() + ": your password is kept there, not in this console.");
		}
		if (currentPassword == null || currentPassword.isEmpty()) {
			// nothing typed is no guess: it costs none of the allowance, and writes no failed change
			throw new InvalidInputException("CurrentPassword", "Enter your current password.");
		}
		// read before the password is checked: a change of the user's access after it refuses the new password below
		long version = accounts.accessVersion(user.id()).orElseThrow();
		Optional<Duration> refusal = guesses.guessCurrentPassword(user.username());
		if (refusal.isPresent()) {
			long minutes = Math.max(1, refusal.get().plusSeconds(59).toMinutes());
			audit.record(user.accountId().value(), user.username(), "ChangePasswordThrottled", user.username(),
					"refused for " + minutes + " more min");
			throw new InvalidInputException("CurrentPassword", "Too many wrong current passwords. Try again in "
					+ minutes + (minutes == 1 ? " minute." : " minutes."));
		}
		if (!passwordEncoder.matches(currentPassword, accounts.passwordHash(user.id()))) {
			audit.record(user.accountId().value(), user.username(), "ChangePasswordFailed", user.username(),
					"wrong current password");
			throw new InvalidInputException("CurrentPassword", "The current password is not correct.");
		}
		guesses.currentPasswordAccepted(user.username());
		transaction.executeWithoutResult((status) -> {
			PasswordRules.requireValid("NewPassword", user.username(), newPassword);
			if (newPassword.equals(currentPassword)) {
				throw new InvalidInputException("NewPassword", "The new password must differ from the current one.");
			}
			if (!accounts.setPasswordHashUnlessChanged(user.id(), passwordEncoder.encode(newPassword), version)) {
				throw new InvalidInputException("CurrentPassword", "Your password or access was changed elsewhere "
						+ "just now: nothing was changed here.");
			}
			audit.record(user.accountId().value(), user.username(), "ChangePassword", user.username(), null);
			events.publishEvent(new UserAccessChanged(user.username(), UserAccessChanged.Change.PASSWORD_CHANGED));
		});
	}

	/**
	 * Lets a user name sign in again after too many failures: for a user locked out by someone guessing at their
	 * name. Whoever goes on guessing is throttled again after as many failures as before.
	 */
	@Transactional
	public UserRecord clearSignInThrottle(Caller caller, long userId) {
		UserRecord user = lockedUserOfAccount(caller, userId);
		guesses.clearSignInThrottle(user.username());
		audit.record(caller.accountId().value(), caller.username(), "ClearSignInThrottle", user.username(), null);
		return user;
	}

	/**
	 * The user {@code userId} of the caller's account, after the account's row lock and a check that the caller is
	 * still an enabled administrator of it; another account's user is not found.
	 */
	private UserRecord lockedUserOfAccount(Caller caller, long userId) {
		caller.requireWrite("manage users");
		accounts.lockAccount(caller.accountId());
		requireAdmin(caller);
		return user(caller, userId);
	}

	/** The caller's role as the database has it now: the session's may be older than a change. */
	private void requireAdmin(Caller caller) {
		caller.requireWrite("manage users");
		boolean admin = accounts.findUser(caller.userId())
			.filter((user) -> user.enabled() && user.role().canWrite() && user.accountId().equals(caller.accountId()))
			.isPresent();
		if (!admin) {
			throw new NotPermittedException("manage users");
		}
	}

}
