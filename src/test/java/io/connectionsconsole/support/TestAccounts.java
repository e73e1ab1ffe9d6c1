package io.connectionsconsole.support;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.Role;

/** Makes a fresh account with a user for each test, so tests share a database without seeing each other. */
@Component
public class TestAccounts {

	public static final String PASSWORD = "password-for-tests";

	private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private String passwordHash;

	TestAccounts(AccountRepository accounts, PasswordEncoder passwordEncoder) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
	}

	public Caller newAdmin() {
		return newAccount(Role.ADMIN);
	}

	public Caller newAccount(Role role) {
		AccountId accountId = AccountId.of(String.format("%012d", 100_000_000_000L + SEQUENCE.incrementAndGet()));
		accounts.createAccount(accountId, "Account " + accountId, Instant.now());
		return newUser(accountId, role);
	}

	public Caller newUser(AccountId accountId, Role role) {
		String username = role.name().toLowerCase() + "-" + accountId + "-" + SEQUENCE.incrementAndGet();
		long id = accounts.createUser(accountId, username, hash(), role, Instant.now());
		return new Caller(id, username, accountId, role);
	}

	/** MockMvc's request signed in as the caller. */
	public RequestPostProcessor signedIn(Caller caller) {
		return SecurityMockMvcRequestPostProcessors.user(principal(caller));
	}

	public ConsoleUser principal(Caller caller) {
		return new ConsoleUser(caller.userId(), caller.username(), caller.accountId(), caller.role(), hash(), true);
	}

	private synchronized String hash() {
		if (passwordHash == null) {
			passwordHash = passwordEncoder.encode(PASSWORD);
		}
		return passwordHash;
	}

}
