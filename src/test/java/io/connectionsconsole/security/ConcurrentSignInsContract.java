package io.connectionsconsole.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.support.SignInRequests;
import io.connectionsconsole.support.TestAccounts;

import static io.connectionsconsole.support.SignInRequests.newAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * A burst of sign-ins sent at once gets no more password checks than the throttle allows, on each database the console
 * supports: each attempt is counted before its password is checked. A password check that fails is audited as
 * {@code SignInFailed}, so the audit trail counts the checks.
 */
abstract class ConcurrentSignInsContract {

	private static final int BURST = 100;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AuditLog audit;

	private ResultActions signIn(String username, String password, String address) throws Exception {
		return mvc.perform(SignInRequests.signIn(username, password, address));
	}

	private long passwordChecks(AccountId account) {
		return audit.latest(account.value(), 10 * BURST)
			.stream()
			.map(AuditEvent::action)
			.filter("SignInFailed"::equals)
			.count();
	}

	/** Sends {@code BURST} sign-ins at once, the {@code n}th for {@code usernames.get(n % size)}. */
	private void burst(List<String> usernames, String address) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(BURST);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> attempts = new ArrayList<>();
			for (int n = 0; n < BURST; n++) {
				String username = usernames.get(n % usernames.size());
				attempts.add(pool.submit(() -> {
					start.await();
					return signIn(username, "wrong-password", address).andReturn();
				}));
			}
			start.countDown();
			for (Future<?> attempt : attempts) {
				attempt.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aHundredWrongPasswordsAtOnceForOneUserNameGetFivePasswordChecksAndTheRightOneAfterIsRefused()
			throws Exception {
		Caller user = testAccounts.newAdmin();
		String address = newAddress();

		burst(List.of(user.username()), address);

		assertThat(passwordChecks(user.accountId())).isEqualTo(5);
		signIn(user.username(), TestAccounts.PASSWORD, address).andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
		signIn(user.username(), TestAccounts.PASSWORD, newAddress()).andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
	}

	@Test
	void aHundredWrongPasswordsAtOnceFromOneAddressGetTwentyPasswordChecks() throws Exception {
		Caller admin = testAccounts.newAdmin();
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			usernames.add(testAccounts.newUser(admin.accountId(), Role.READ_ONLY).username());
		}
		String address = newAddress();

		burst(usernames, address);

		assertThat(passwordChecks(admin.accountId())).isEqualTo(20);
		signIn(admin.username(), TestAccounts.PASSWORD, address).andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
	}

}
