package io.connectionsconsole.account;

import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What other features ask of an account: its row lock, and its own connection quota. */
@Service
public class AccountService {

	private final AccountRepository accounts;

	AccountService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	/**
	 * Takes the account's row lock until the caller's transaction ends: the point where concurrent changes to one
	 * account queue, on every console instance sharing the database. False when the account does not exist.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean lock(AccountId id) {
		return accounts.lockAccount(id);
	}

	/** The account of the user with this name, when there is such a user. */
	public Optional<AccountId> accountOfUser(String username) {
		return accounts.findForSignIn(username).map(ConsoleUser::accountId);
	}

	/** The account's own connection quota, where one was set. */
	public OptionalInt connectionQuota(AccountId id) {
		return accounts.connectionQuota(id);
	}

}
