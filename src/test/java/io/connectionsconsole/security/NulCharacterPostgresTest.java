package io.connectionsconsole.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;
import io.connectionsconsole.support.SignInRequests;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;

import static io.connectionsconsole.support.SignInRequests.newAddress;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The NUL character in what anyone may type where nothing checks its characters first, on PostgreSQL, which refuses
 * it in a query (H2 takes it): never a 500.
 */
@ConsoleTest
@AutoConfigureMockMvc
class NulCharacterPostgresTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

	@Test
	void aSignInWithItInTheNameFailsAsForANameThatIsNoUsers() throws Exception {
		mvc.perform(SignInRequests.signIn("ad\u0000min", "not-the-password", newAddress()))
			.andExpect(redirectedUrl("/login?error"))
			.andExpect(unauthenticated());
	}

	@Test
	void aFilterWithItMatchesNoConnection() throws Exception {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "nul-filter");

		mvc.perform(get("/connections").param("region", "us-east-1")
			.param("filter", "nul\u0000")
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(model().attribute("matches", 0));
	}

}
