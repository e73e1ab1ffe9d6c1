package io.connectionsconsole.account;

import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.error.InvalidInputException;

/** What other features ask of an account: its row lock, its own connection quota, and its users' sign-in. */
@Service
public class AccountService implements UserDetailsService {

	/** The quota's name, as App Runner's Service Quotas name it. */
	public static final String CONNECTION_QUOTA = "Connections per Region";

	/** The highest quota an account may be given. */
	public static final int MAX_CONNECTION_QUOTA = 100_000;

	private final AccountRepository accounts;

	private final AuditLog audit;

	private final ConsoleProperties.SignIn signIn;

	AccountService(AccountRepository accounts, AuditLog audit, ConsoleProperties properties) {
		this.accounts = accounts;
		this.audit = audit;
		this.signIn = properties.signIn();
	}

	/**
	 * Takes the account's row lock until the caller's transaction ends: the point where concurrent changes to one
	 * account queue, on every console instance sharing the database. False when the account does not exist.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean lock(AccountId id) {
		return accounts.lockAccount(id);
	}

	/**
	 * Signs users in from the users table; with passwords turned off, only the break-glass administrator, answered
	 * like a wrong password for anyone else, so that the page tells no one which names exist.
	 */
	@Override
	public UserDetails loadUserByUsername(String username) {
		if (!signIn.passwordAllowed(username)) {
			throw new UsernameNotFoundException("passwords are turned off");
		}
		return accounts.findForSignIn(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

	/**
	 * Whether what the user may do has changed since they signed in (their role, their password, being enabled), or the
	 * user is gone: the session they signed in with should end.
	 */
	public boolean accessChanged(ConsoleUser user) {
		return accounts.accessVersion(user.id()).orElse(-1) != user.accessVersion();
	}

	/** The user's access version now, once they changed their password in the session that goes on. */
	public long accessVersion(ConsoleUser user) {
		return accounts.accessVersion(user.id()).orElseThrow();
	}

	/** The account of the user with this name, when there is such a user. */
	public Optional<AccountId> accountOfUser(String username) {
		return accounts.findForSignIn(username).map(ConsoleUser::accountId);
	}

	/** The account's own connection quota, where one was set. */
	public OptionalInt connectionQuota(AccountId id) {
		return accounts.connectionQuota(id);
	}

	/**
	 * Gives the caller's account its own connection quota, or, with {@code null}, the configured default again. It
	 * applies to the next create on every instance; a quota below what a Region holds refuses creates there until
	 * enough connections are deleted. Taken under the account's row lock, so a create running at the same time counts
	 * against either the old quota or the new one.
	 */
	@Transactional
	public void setConnectionQuota(Caller caller, Integer quota) {
		caller.requireWrite("change quotas");
		if (quota != null && (quota < 0 || quota > MAX_CONNECTION_QUOTA)) {
			throw new InvalidInputException("Value", CONNECTION_QUOTA + " is a whole number from 0 to "
					+ MAX_CONNECTION_QUOTA + ".");
		}
		accounts.lockAccount(caller.accountId());
		accounts.setConnectionQuota(caller.accountId(), quota);
		audit.record(caller.accountId().value(), caller.username(), "SetServiceQuota", CONNECTION_QUOTA,
				quota == null ? "default" : Integer.toString(quota));
	}

}
