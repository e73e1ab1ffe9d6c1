package io.connectionsconsole.account;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.NotPermittedException;

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

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PasswordGuesses guesses;

	private final TransactionTemplate transaction;

	UserService(AccountRepository accounts, PasswordEncoder passwordEncoder, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, PasswordGuesses guesses, TransactionTemplate transaction) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.guesses = guesses;
		this.transaction = transaction;
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
		PasswordRules.requireValid("NewPassword", user.username(), newPassword);
		accounts.setPasswordHash(userId, passwordEncoder.encode(newPassword));
		audit.record(caller.accountId().value(), caller.username(), "ResetPassword", user.username(), null);
		events.publishEvent(new UserAccessChanged(user.username(), UserAccessChanged.Change.PASSWORD_RESET));
		return user;
	}

	/**
	 * Any user, read-only ones too: their own password, given the current one. Their other sessions end. Wrong current
	 * passwords are limited as sign-ins are (a stolen session must not guess on without end) and audited: the check
	 * comes before the transaction, so that a refused change still leaves its count and its event.
	 */
	public void changeOwnPassword(Caller caller, String currentPassword, String newPassword) {
		UserRecord user = accounts.findUser(caller.userId())
			.filter(UserRecord::enabled)
			.orElseThrow(() -> new NotFoundException("Your user was not found, or is disabled."));
		Optional<Duration> refusal = guesses.guessCurrentPassword(user.username());
		if (refusal.isPresent()) {
			long minutes = Math.max(1, refusal.get().plusSeconds(59).toMinutes());
			audit.record(user.accountId().value(), user.username(), "ChangePasswordThrottled", user.username(),
					"refused for " + minutes + " more min");
			throw new InvalidInputException("CurrentPassword", "Too many wrong current passwords. Try again in "
					+ minutes + (minutes == 1 ? " minute." : " minutes."));
		}
		if (currentPassword == null || !passwordEncoder.matches(currentPassword, accounts.passwordHash(user.id()))) {
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
			accounts.setPasswordHash(user.id(), passwordEncoder.encode(newPassword));
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
