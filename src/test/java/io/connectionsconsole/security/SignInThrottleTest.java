package io.connectionsconsole.security;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.SignInRequests;
import io.connectionsconsole.support.TestAccounts;

import static io.connectionsconsole.support.SignInRequests.newAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Sign-in throttling through the sign-in form. Each test signs in from addresses of its own, so that the tests sharing
 * the database don't add to one another's counts.
 */
@ConsoleTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AuditLog audit;

	private ResultActions signIn(String username, String password, String address) throws Exception {
		return mvc.perform(SignInRequests.signIn(username, password, address));
	}

	/** Signs in with the right password from a browser of its own; its device cookie, as the browser keeps it. */
	private Cookie deviceCookieOf(Caller user) throws Exception {
		String header = signIn(user.username(), TestAccounts.PASSWORD, newAddress()).andExpect(authenticated())
			.andReturn()
			.getResponse()
			.getHeaders(HttpHeaders.SET_COOKIE)
			.stream()
			.filter((cookie) -> cookie.startsWith(DeviceCookies.NAME + "="))
			.findFirst()
			.orElseThrow();
		return new Cookie(DeviceCookies.NAME, header.substring(header.indexOf('=') + 1, header.indexOf(';')));
	}

	private ResultActions signIn(String username, String password, String address, Cookie device) throws Exception {
		return mvc.perform(SignInRequests.signIn(username, password, address).cookie(device));
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
	void aSignInIsInTheAuditTrailWithItsAddress() throws Exception {
		Caller user = testAccounts.newAdmin();
		String address = newAddress();

		signIn(user.username(), TestAccounts.PASSWORD, address).andExpect(authenticated());

		AuditEvent signIn = audit.latest(user.accountId().value(), 1).getFirst();
		assertThat(signIn.action()).isEqualTo("SignIn");
		assertThat(signIn.actor()).isEqualTo(user.username());
		assertThat(signIn.detail()).isEqualTo("from " + address).doesNotContain(TestAccounts.PASSWORD);
	}

	@Test
	void refusedSignInsWithoutEndWriteOneAuditRowIn15Minutes() throws Exception {
		Caller user = testAccounts.newAdmin();
		for (int i = 0; i < 5; i++) {
			signIn(user.username(), "wrong-password-" + i, newAddress());
		}

		for (int i = 0; i < 30; i++) {
			signIn(user.username(), "guess-" + i, newAddress()).andExpect(redirectedUrl("/login?throttled=15"));
		}

		assertThat(audit.latest(user.accountId().value(), 50)).extracting(AuditEvent::action)
			.containsOnlyOnce("SignInThrottled")
			.hasSize(7);
	}

	/** A user name that is no user's may be a password typed in the wrong field: the log never writes it. */
	@Test
	void aThrottledUserNameThatIsNoUsersIsNotWrittenToTheLog(CapturedOutput output) throws Exception {
		String pasted = "Pasted-Passw0rd-" + System.nanoTime();
		for (int i = 0; i < 7; i++) {
			signIn(pasted, "guess", newAddress());
		}

		assertThat(output).contains("SignInThrottled for a user name that is no user's")
			.contains("SignInFailed for a user name that is no user's")
			.doesNotContain(pasted);
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
	void theAuditTrailRecordsFailedSignInsRefusedOnesAndWhenTheUserNameBecameThrottled() throws Exception {
		Caller user = testAccounts.newAdmin();
		String address = newAddress();
		for (int i = 0; i < 5; i++) {
			signIn(user.username(), "wrong-password-" + i, address);
		}
		signIn(user.username(), TestAccounts.PASSWORD, address);

		List<AuditEvent> events = audit.latest(user.accountId().value(), 10);
		assertThat(events).extracting(AuditEvent::action)
			.containsExactly("SignInThrottled", "SignInThrottleStarted", "SignInFailed", "SignInFailed", "SignInFailed",
					"SignInFailed", "SignInFailed");
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.actor()).isEqualTo(user.username());
			assertThat(event.detail()).contains("from " + address).doesNotContain("wrong-password")
				.doesNotContain(TestAccounts.PASSWORD);
		});
		assertThat(events.get(0).detail()).contains("refused for 15 more min");
		assertThat(events.get(1).detail()).contains("sign-ins of this user name refused for 15 min");
	}

	@Test
	void anAttackerKeepsAUserNameThrottledAndItsOwnerStillSignsInFromABrowserTheySignedInFromBefore()
			throws Exception {
		Caller admin = testAccounts.newAdmin();
		Cookie device = deviceCookieOf(admin);
		String attacker = newAddress();
		for (int i = 0; i < 5; i++) {
			signIn(admin.username(), "guess-" + i, attacker);
		}

		String home = newAddress();
		signIn(admin.username(), TestAccounts.PASSWORD, home, device).andExpect(authenticated());
		signIn(admin.username(), TestAccounts.PASSWORD, home).andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
		// the attacker goes on, and is still refused, as is the user name from any browser without the cookie
		signIn(admin.username(), "guess-again", attacker).andExpect(redirectedUrl("/login?throttled=15"));
		signIn(admin.username(), TestAccounts.PASSWORD, attacker).andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
		signIn(admin.username(), TestAccounts.PASSWORD, newAddress(), device).andExpect(authenticated());
	}

	@Test
	void theDeviceCookieIsSentToTheSignInFormAloneNeverReadByScriptsAndSecureOverHttps() throws Exception {
		Caller user = testAccounts.newAdmin();

		List<String> overHttps = mvc.perform(SignInRequests.signIn(user.username(), TestAccounts.PASSWORD, newAddress())
			.secure(true)).andExpect(authenticated()).andReturn().getResponse().getHeaders(HttpHeaders.SET_COOKIE);

		assertThat(overHttps).filteredOn((cookie) -> cookie.startsWith(DeviceCookies.NAME + "="))
			.singleElement()
			.asString()
			.contains("; Path=/login", "; Max-Age=31536000", "; Secure", "; HttpOnly", "; SameSite=Strict")
			.doesNotContain(user.username());
	}

	@Test
	void aDeviceCookieCountsOnlyForItsOwnUserNameUnalteredAndIsRefusedItselfAfterFiveFailures() throws Exception {
		Caller user = testAccounts.newAdmin();
		Caller other = testAccounts.newUser(user.accountId(), Role.ADMIN);
		Cookie device = deviceCookieOf(user);
		Cookie forOther = deviceCookieOf(other);
		Cookie altered = new Cookie(DeviceCookies.NAME, device.getValue().substring(1) + "A");
		for (int i = 0; i < 5; i++) {
			signIn(user.username(), "guess-" + i, newAddress());
		}

		signIn(user.username(), TestAccounts.PASSWORD, newAddress(), forOther)
			.andExpect(redirectedUrl("/login?throttled=15"));
		signIn(user.username(), TestAccounts.PASSWORD, newAddress(), altered)
			.andExpect(redirectedUrl("/login?throttled=15"));

		for (int i = 0; i < 4; i++) {
			signIn(user.username(), "wrong-" + i, newAddress(), device).andExpect(redirectedUrl("/login?error"));
		}
		signIn(user.username(), "wrong-4", newAddress(), device).andExpect(redirectedUrl("/login?throttled=15"));
		signIn(user.username(), TestAccounts.PASSWORD, newAddress(), device)
			.andExpect(redirectedUrl("/login?throttled=15"))
			.andExpect(unauthenticated());
		assertThat(audit.latest(user.accountId().value(), 3)).extracting(AuditEvent::action)
			.containsExactly("SignInThrottled", "SignInThrottleStarted", "SignInFailed");
	}

	@Test
	void aUserNameCountsTheSameInEveryCaseAndSignsInWhateverTheCaseTyped() throws Exception {
		Caller user = testAccounts.newAdmin();
		String address = newAddress();
		for (int i = 0; i < 5; i++) {
			String typed = i % 2 == 0 ? user.username().toUpperCase(Locale.ROOT) : user.username();
			signIn(typed, "guess-" + i, address);
		}

		signIn(user.username().toUpperCase(Locale.ROOT), TestAccounts.PASSWORD, newAddress())
			.andExpect(redirectedUrl("/login?throttled=15"));

		Caller another = testAccounts.newAdmin();
		signIn(another.username().toUpperCase(Locale.ROOT), TestAccounts.PASSWORD, newAddress())
			.andExpect(authenticated().withUsername(another.username()));
	}

}
