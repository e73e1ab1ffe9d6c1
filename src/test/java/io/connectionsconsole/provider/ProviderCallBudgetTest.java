package io.connectionsconsole.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.ResultActions;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckRecord;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.support.SettableClock;
import io.connectionsconsole.web.Flash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the console spends at the providers: a listing read within a minute is shown again without a call and then
 * revalidated with its ETag; a provider's rate limit holds every call for that connection until the time it named;
 * each user opens at most 30 pages that call a provider a minute; and reads that find what was known add no row to
 * the health history. The clock is the test's.
 */
@ConsoleTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class ProviderCallBudgetTest extends HandshakeTestBase {

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		SettableClock settableClock() {
			return new SettableClock();
		}

	}

	@Autowired
	SettableClock clock;

	@Autowired
	ListingCache cache;

	@Autowired
	DateTimeFormatter timeFormat;


	private ResultActions repositories(Caller who, Connection connection) throws Exception {
		return mvc.perform(get("/connections/{id}/repositories", connection.id().value())
			.with(user(testAccounts.principal(who))));
	}

	private ResultActions check(Connection connection) throws Exception {
		return mvc.perform(post("/connections/{id}/check", connection.id().value())
			.param("back", "details")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()));
	}

	private List<CheckRecord> history(Connection connection) {
		return connections.details(caller, connection.id()).history();
	}

	@Test
	void aListingReadWithinAMinuteIsShownAgainWithoutAskingTheProvider() throws Exception {
		Connection connection = availableConnection("gh-fresh", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/first"), false);
		repositories(caller, connection).andExpect(content().string(containsString(">octo-fake/first</a>")));
		fake.github().repositories(List.of("octo-fake/second"), false);

		clock.advance(Duration.ofSeconds(50));
		repositories(caller, connection).andExpect(content().string(containsString(">octo-fake/first</a>")));

		assertThat(fake.github().apiRequests()).hasSize(1);
	}

	@Test
	void afterAMinuteEveryPageIsAskedForWithItsETagAndAnUnchangedOneIsTakenFromBefore() throws Exception {
		Connection connection = availableConnection("gh-etag", ProviderType.GITHUB);
		fake.github().repositories(IntStream.rangeClosed(1, 150)
			.mapToObj("octo-fake/repo-%03d"::formatted).toList(), false);
		repositories(caller, connection).andExpect(content().string(containsString("(150)")));

		clock.advance(Duration.ofSeconds(61));
		repositories(caller, connection)
			.andExpect(content().string(containsString("(150)")))
			.andExpect(content().string(containsString(">octo-fake/repo-001</a>")));

		assertThat(fake.github().apiRequests()).hasSize(4);
		assertThat(fake.github().notModifiedAnswers()).containsExactly("/github/api/user/repos?per_page=100",
				"/github/api/user/repos?per_page=100&page=2");
	}

	@Test
	void aListingIsShownForItsOwnConnectionOnlyAndNotOnceItsTokenChanged() throws Exception {
		Connection first = availableConnection("gh-own-1", ProviderType.GITHUB);
		Connection second = availableConnection("gh-own-2", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/before"), false);
		repositories(caller, first).andExpect(content().string(containsString(">octo-fake/before</a>")));
		fake.github().repositories(List.of("octo-fake/after"), false);

		repositories(caller, second).andExpect(content().string(containsString(">octo-fake/after</a>")));
		flow.reauthorize(caller, first);
		repositories(caller, first)
			.andExpect(content().string(containsString(">octo-fake/after</a>")))
			.andExpect(content().string(not(containsString(">octo-fake/before</a>"))));
	}

	@Test
	void aDeletedConnectionsListingsAreDropped() throws Exception {
		Connection connection = availableConnection("gh-dropped", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/kept"), false);
		repositories(caller, connection).andExpect(status().isOk());
		ConnectionCredentials read = connections.credentialsForRead(caller, connection.id());
		assertThat((Object) cache.previous(read, "repositories")).isNotNull();

		connections.delete(caller, connection.id());

		assertThat((Object) cache.previous(read, "repositories")).isNull();
	}

	@Test
	void gitHubsRateLimitHoldsEveryCallForTheConnectionUntilItsResetAndChangesNoStatus() throws Exception {
		Connection connection = availableConnection("gh-limited", ProviderType.GITHUB);
		long reset = clock.instant().plusSeconds(600).getEpochSecond();
		fake.github().repositoriesEndpointAnswers(aResponse().withStatus(403)
			.withHeader("X-RateLimit-Remaining", "0")
			.withHeader("X-RateLimit-Reset", String.valueOf(reset))
			.withBody("{\"message\":\"API rate limit exceeded\"}"));
		String until = timeFormat.format(Instant.ofEpochSecond(reset));

		repositories(caller, connection)
			.andExpect(content().string(containsString("GitHub is rate-limiting this connection")))
			.andExpect(content().string(containsString("the console asks GitHub again after " + until)));
		clock.advance(Duration.ofSeconds(300));
		repositories(caller, connection).andExpect(content().string(containsString("asks GitHub again after " + until)));
		check(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.RATE_LIMITED", until)));

		assertThat(fake.github().repositoriesEndpointRequests()).isEqualTo(1);
		assertThat(fake.github().userEndpointRequests()).as("the handshake's only").isEqualTo(1);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(history(connection)).extracting(CheckRecord::outcome)
			.containsExactly(CheckOutcome.RATE_LIMITED, CheckOutcome.OK);

		clock.advance(Duration.ofSeconds(301));
		repositories(caller, connection);
		assertThat(fake.github().repositoriesEndpointRequests()).isEqualTo(2);
	}

	@Test
	void retryAfterAtTheTokenEndpointHoldsTheConnectionForAsLongAsItSays() throws Exception {
		Connection connection = availableConnection("bb-refresh-limited", ProviderType.BITBUCKET);
		jdbc.sql("UPDATE connection SET token_expires_at = :past WHERE id = :id")
			.param("past", clock.instant().minusSeconds(60).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();
		fake.bitbucket().tokenEndpointAnswers(aResponse().withStatus(429).withHeader("Retry-After", "600"));
		int asked = fake.bitbucket().tokenEndpointRequests();
		String until = timeFormat.format(clock.instant().plusSeconds(600));

		check(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.RATE_LIMITED", until)));
		clock.advance(Duration.ofSeconds(120));
		check(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.RATE_LIMITED", until)));

		assertThat(fake.bitbucket().tokenEndpointRequests()).as("asked once in the ten minutes").isEqualTo(asked + 1);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void gitHubsSecondaryRateLimitWithNeitherHeaderHoldsTheConnectionsCallsAndChangesNoStatus() throws Exception {
		Connection connection = availableConnection("gh-secondary", ProviderType.GITHUB);
		fake.github().repositoriesEndpointAnswers(aResponse().withStatus(403)
			.withHeader("X-RateLimit-Remaining", "4990")
			.withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you "
					+ "try again.\"}"));

		repositories(caller, connection)
			.andExpect(content().string(containsString("GitHub is rate-limiting this connection")));
		repositories(caller, connection);

		assertThat(fake.github().repositoriesEndpointRequests()).as("held after the first").isEqualTo(1);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void retryAfterHoldsTheChecksOfABitbucketConnection() throws Exception {
		Connection connection = availableConnection("bb-limited", ProviderType.BITBUCKET);
		fake.bitbucket().userEndpointAnswers(aResponse().withStatus(429).withHeader("Retry-After", "120"));
		String until = timeFormat.format(clock.instant().plusSeconds(120));

		check(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.RATE_LIMITED", until)));
		check(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.RATE_LIMITED", until)));

		assertThat(fake.bitbucket().userEndpointRequests()).as("the handshake's and one check").isEqualTo(2);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void aUserOpensAtMostThirtyPagesThatCallAProviderAMinuteAndIsToldWhenToTryAgain() throws Exception {
		Connection connection = availableConnection("gh-budget", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/busy"), false);
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);
		for (int i = 0; i < ProviderPageBudget.PER_MINUTE; i++) {
			repositories(reader, connection).andExpect(status().isOk());
		}

		repositories(reader, connection)
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(content().string(containsString("more than 30 times in a minute. Try again in")))
			.andExpect(content().string(not(containsString(">octo-fake/busy</a>"))));
		mvc.perform(get("/connections/{id}/repositories", connection.id().value())
			.header("HX-Request", "true")
			.header("HX-Target", "repositories")
			.with(user(testAccounts.principal(reader))))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("HX-Retarget"))
			.andExpect(content().string(containsString("Try again in")))
			// the problem's own words only where there is one: no message of an outcome that is none
			.andExpect(content().string(not(containsString("??"))));
		mvc.perform(get("/connections/{id}/repositories", connection.id().value())
			.param("repository", "octo-fake/busy")
			.header("HX-Request", "true")
			.header("HX-Target", "branches")
			.with(user(testAccounts.principal(reader))))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Retarget", "#repositories"))
			.andExpect(header().string("HX-Reswap", "outerHTML"))
			.andExpect(content().string(containsString("id=\"repositories\"")))
			.andExpect(content().string(containsString("Try again in")));

		for (int i = 0; i < ProviderPageBudget.PER_MINUTE; i++) {
			repositories(caller, connection).andExpect(status().isOk());
		}
		Flash refused = (Flash) check(connection).andReturn().getFlashMap().get(Flash.ATTRIBUTE);
		assertThat(refused.code()).isEqualTo("flash.check.throttled");
		assertThat(Integer.parseInt(refused.argument())).isBetween(1, 60);
	}

	@Test
	void repositoryReadsThatFindWhatWasKnownAddNoRowToTheHealthHistory() throws Exception {
		Connection connection = availableConnection("gh-quiet", ProviderType.GITHUB);
		fake.github().repositories(List.of("octo-fake/quiet"), false);
		for (int i = 0; i < 5; i++) {
			repositories(caller, connection).andExpect(status().isOk());
			clock.advance(Duration.ofSeconds(61));
		}
		fake.github().revokeAll();

		repositories(caller, connection).andExpect(status().isOk());

		assertThat(fake.github().apiRequests()).hasSize(6);
		assertThat(history(connection)).extracting(CheckRecord::trigger, CheckRecord::outcome)
			.containsExactly(Tuple.tuple(CheckTrigger.REPOSITORY_READ, CheckOutcome.TOKEN_REJECTED),
					Tuple.tuple(CheckTrigger.HANDSHAKE, CheckOutcome.OK));
	}

}
