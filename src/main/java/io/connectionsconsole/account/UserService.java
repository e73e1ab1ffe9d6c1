package io.connectionsconsole.account;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The users of an account, as administrators see them. */
@Service
public class UserService {

	private final AccountRepository accounts;

	UserService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Transactional(readOnly = true)
	public List<UserRecord> users(Caller caller) {
		caller.requireWrite("manage users");
		return accounts.usersOf(caller.accountId());
	}

}
