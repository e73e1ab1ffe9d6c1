package io.connectionsconsole.security;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Sign-in throttling through the sign-in form. Each test signs in from addresses of its own, so that the tests sharing
 * the database don't add to one another's counts.
 */
@ConsoleTest
@AutoConfigureMockMvc
class SignInThrottleTest {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AuditLog audit;

	private static String newAddress() {
		int n = ADDRESSES.incrementAndGet();
		return "198.51." + (n / 250) + "." + (n % 250 + 1);
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private ResultActions signIn(String username, String password, String address) throws Exception {
		return mvc.perform(post("/login").param("username", username)
			.param("password", password)
			.with(csrf())
			.with(from(address)));
	}

	@Test
	void fiveFailedSignInsForAUserRefuseTheNextOneEvenWithTheRightPassword() throws Exception {
		Caller user = testAccounts.newAdmin();
		String address = newAddress();

		for (int i = 0; i < 4; i++) {
			signIn(user.username(), "wrong", address).andExpect(redirectedUrl("/login?error"));
		}
		signIn(user.username(), "wrong", address).andExpect(redirectedUrl("/login?throttled=15"));

		signIn(user.username(), TestAccounts.PASSWORD, address).andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
		signIn(user.username(), TestAccounts.PASSWORD, newAddress()).andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
	}

	@Test
	void theSignInPageSaysForHowManyMinutes() throws Exception {
		mvc.perform(get("/login").param("throttled", "15"))
			.andExpect(content().string(containsString("Too many sign-in attempts. Try again in 15 minutes.")));
		mvc.perform(get("/login").param("throttled", "1"))
			.andExpect(content().string(containsString("Too many sign-in attempts. Try again in 1 minute.")));
		for (String changed : List.of("0", "-5", "99999", "soon", "")) {
			mvc.perform(get("/login").param("throttled", changed))
				.andExpect(content().string(not(containsString("Too many sign-in attempts"))));
		}
	}

	@Test
	void aSuccessfulSignInClearsTheUsersCount() throws Exception {
		Caller user = testAccounts.newAdmin();
		String address = newAddress();
		for (int i = 0; i < 4; i++) {
			signIn(user.username(), "wrong", address).andExpect(redirectedUrl("/login?error"));
		}

		mvc.perform(formLogin().user(user.username()).password(TestAccounts.PASSWORD)).andExpect(authenticated());

		for (int i = 0; i < 4; i++) {
			signIn(user.username(), "wrong", address).andExpect(redirectedUrl("/login?error"));
		}
		signIn(user.username(), TestAccounts.PASSWORD, address).andExpect(authenticated());
	}

	@Test
	void twentyFailuresFromOneAddressRefuseEveryUserFromItButNotFromElsewhere() throws Exception {
		Caller user = testAccounts.newAdmin();
		String address = newAddress();
		for (int i = 0; i < 19; i++) {
			signIn("nobody-" + i + "-" + address, "guess", address).andExpect(redirectedUrl("/login?error"));
		}
		signIn("nobody-last-" + address, "guess", address).andExpect(redirectedUrl("/login?throttled=15"));

		signIn(user.username(), TestAccounts.PASSWORD, address).andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
		signIn(user.username(), TestAccounts.PASSWORD, newAddress()).andExpect(authenticated());
	}

	@Test
	void theAuditTrailRecordsFailedSignInsAndRefusedOnes() throws Exception {
		Caller user = testAccounts.newAdmin();
		String address = newAddress();
		for (int i = 0; i < 5; i++) {
			signIn(user.username(), "wrong-password-" + i, address);
		}
		signIn(user.username(), TestAccounts.PASSWORD, address);

		List<AuditEvent> events = audit.latest(user.accountId().value(), 10);
		assertThat(events).extracting(AuditEvent::action)
			.containsExactly("SignInThrottled", "SignInFailed", "SignInFailed", "SignInFailed", "SignInFailed",
					"SignInFailed");
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.actor()).isEqualTo(user.username());
			assertThat(event.detail()).contains("from " + address).doesNotContain("wrong-password")
				.doesNotContain(TestAccounts.PASSWORD);
		});
		assertThat(events.get(0).detail()).contains("refused for 15 more min");
	}

}
