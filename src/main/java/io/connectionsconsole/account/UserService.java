package io.connectionsconsole.account;

import java.util.List;
import java.util.Optional;

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

	/** The Region the user chose last, in any session. */
	public Optional<String> lastRegion(long userId) {
		return accounts.findUser(userId).map(UserRecord::lastRegion);
	}

	public void rememberRegion(long userId, String region) {
		accounts.rememberRegion(userId, region);
	}

}
