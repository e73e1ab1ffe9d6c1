package io.connectionsconsole.provider;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.HandshakeTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Provider tokens stay out of the log whatever an operator turns up: with every logger the provider calls go through
 * at TRACE (Spring's RestClient and HTTP message conversion, Spring Security, the JDK's HTTP client, the console's
 * own), a handshake with each provider, a refresh, a repository read and a check leave no access or refresh token in
 * the log, in the JSON lines of production.
 */
@ConsoleTest(properties = "logging.structured.format.console=ecs")
@TestPropertySource(locations = "classpath:provider-loggers-at-trace.properties")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
@ExtendWith(OutputCaptureExtension.class)
class ProviderTokenLogTest extends HandshakeTestBase {


	@Test
	void noProviderTokenReachesTheLogWithEveryProviderLoggerAtTrace(CapturedOutput output) throws Exception {
		Connection github = availableConnection("gh-traced", ProviderType.GITHUB);
		Connection bitbucket = availableConnection("bb-traced", ProviderType.BITBUCKET);
		fake.github().repositories(List.of("octo-fake/traced"), false);
		fake.bitbucket().repositories(List.of("team/traced"), false);
		jdbc.sql("UPDATE connection SET token_expires_at = :past WHERE id = :id")
			.param("past", Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC))
			.param("id", bitbucket.id().value())
			.update();
		fake.bitbucket().expireAccessTokens();

		for (Connection connection : List.of(github, bitbucket)) {
			mvc.perform(get("/connections/{id}/repositories", connection.id().value())
				.with(user(testAccounts.principal(caller)))).andExpect(status().isOk());
			mvc.perform(post("/connections/{id}/check", connection.id().value())
				.with(user(testAccounts.principal(caller)))
				.with(csrf())).andExpect(status().isFound());
		}

		List<String> tokens = new ArrayList<>();
		tokens.addAll(fake.github().issuedAccessTokens());
		tokens.addAll(fake.bitbucket().issuedAccessTokens());
		tokens.addAll(fake.bitbucket().issuedRefreshTokens());
		assertThat(fake.bitbucket().issuedRefreshTokens()).as("a refresh happened").hasSizeGreaterThan(1);
		assertThat(fake.github().apiRequests()).as("a repository read happened").isNotEmpty();
		String log = output.getAll();
		assertThat(log).as("the token requests were logged, masked").contains("refresh_token=[****]");
		assertThat(tokens).allSatisfy((token) -> assertThat(log).doesNotContain(token));
	}

}
