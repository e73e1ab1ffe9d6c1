package io.connectionsconsole.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.FakeProvider;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.web.Flash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Check connection and the periodic check: only the provider's 401 makes an available connection ERROR; a
 * provider that is down, slow or rate-limiting leaves it available and the check says why. Bitbucket's
 * expired tokens are refreshed, and the rotated refresh token kept.
 */
@HandshakeTest
@ExtendWith(OutputCaptureExtension.class)
class ConnectionCheckTest extends HandshakeTestBase {

	@Autowired
	LockProvider locks;

	@Autowired
	ConnectionChecks checks;

	@Autowired
	AuditLog audit;


	private Connection reloaded(Connection connection) {
		return connections.get(caller, connection.id());
	}

	private FakeProvider provider(ProviderType type) {
		return type == ProviderType.GITHUB ? fake.github() : fake.bitbucket();
	}

	@Test
	void aWorkingTokenIsRecordedAsChecked() throws Exception {
		Connection connection = availableConnection("gh-works", ProviderType.GITHUB);
		Instant before = reloaded(connection).lastCheck().at();

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "gh-works")));

		Connection checked = reloaded(connection);
		assertThat(checked.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(checked.lastCheck().ok()).isTrue();
		assertThat(checked.lastCheck().detail()).isEqualTo("OK");
		assertThat(checked.lastCheck().at()).isAfterOrEqualTo(before);
	}

	@Test
	void aRevokedGitHubTokenMakesTheConnectionErrorAndUpdatingItsAuthorizationRestoresIt(CapturedOutput output)
			throws Exception {
		Connection connection = availableConnection("gh-revoked", ProviderType.GITHUB);
		fake.github().revokeAll();

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.TOKEN_REJECTED", "gh-revoked")));
		// an operator sees the connection break, and why
		assertThat(LogLines.containing(output, connection.arn() + " is now ERROR: TOKEN_REJECTED, found by a check by "
				+ caller.username())).singleElement()
			.satisfies((line) -> assertThat(LogLines.levelOf(line)).isEqualTo("WARN"));
		assertThat(output)
			.contains("Check of " + connection.arn() + " by " + caller.username()
					+ ": TOKEN_REJECTED (The provider answered HTTP 401)");

		Connection broken = reloaded(connection);
		assertThat(broken.status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(broken.lastCheck().ok()).isFalse();
		assertThat(broken.lastCheck().detail()).isEqualTo(CheckOutcome.TOKEN_REJECTED.name());
		assertThat(audit.latest(caller.accountId().value(), 5)).anySatisfy((event) -> {
			assertThat(event.action()).isEqualTo("ConnectionError");
			assertThat(event.actor()).isEqualTo(caller.username());
		});

		flow.reauthorize(caller, connection)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "gh-revoked")));
		Connection restored = reloaded(connection);
		assertThat(restored.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(restored.lastCheck().ok()).isTrue();
	}

	@Test
	void anErrorConnectionIsNotChecked() throws Exception {
		Connection connection = availableConnection("gh-in-error", ProviderType.GITHUB);
		fake.github().revokeAll();
		checkFromList(connection);

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.notAvailable", "gh-in-error")));
	}

	static Stream<Arguments> providerTroubles() {
		return Stream.of(
				Arguments.of(ProviderType.GITHUB, serverError(), CheckOutcome.UNREACHABLE),
				Arguments.of(ProviderType.BITBUCKET, aResponse().withStatus(503), CheckOutcome.UNREACHABLE),
				Arguments.of(ProviderType.GITHUB, okJson("{}").withFixedDelay(FakeProviders.SLOW_MILLIS),
						CheckOutcome.UNREACHABLE),
				Arguments.of(ProviderType.GITHUB,
						aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0")
							.withHeader("X-RateLimit-Reset", "1893456000")
							.withBody("{\"message\":\"API rate limit exceeded\"}"),
						CheckOutcome.RATE_LIMITED),
				Arguments.of(ProviderType.BITBUCKET, aResponse().withStatus(429).withHeader("Retry-After", "60"),
						CheckOutcome.RATE_LIMITED),
				// a number of seconds past any time: the pause is the longest the console keeps
				Arguments.of(ProviderType.BITBUCKET,
						aResponse().withStatus(429).withHeader("Retry-After", "99999999999999999"),
						CheckOutcome.RATE_LIMITED),
				Arguments.of(ProviderType.BITBUCKET, aResponse().withStatus(403).withHeader("Content-Type", "application/json")
					.withBody("{\"type\":\"error\",\"error\":{\"message\":\"Your credentials lack one or more required "
							+ "privilege scopes.\"}}"), CheckOutcome.UNEXPECTED_ANSWER),
				Arguments.of(ProviderType.GITHUB, okJson("<html>not json"), CheckOutcome.UNEXPECTED_ANSWER));
	}

	@ParameterizedTest(name = "{0} answering {2}")
	@MethodSource("providerTroubles")
	void aProviderInTroubleLeavesTheConnectionAvailableAndTheCheckSaysWhy(ProviderType type,
			ResponseDefinitionBuilder answer, CheckOutcome outcome) throws Exception {
		Connection connection = availableConnection("in-trouble", type);
		provider(type).userEndpointAnswers(answer);

		Flash said = (Flash) checkFromList(connection).andReturn().getFlashMap().get(Flash.ATTRIBUTE);
		assertThat(said.type()).isEqualTo("error");
		assertThat(said.code()).isEqualTo("flash.check." + outcome.name());

		Connection checked = reloaded(connection);
		assertThat(checked.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(checked.lastCheck().ok()).isFalse();
		assertThat(checked.lastCheck().detail()).isEqualTo(outcome.name());
	}

	@Test
	void aProviderThatIsDownLeavesTheConnectionAvailable(CapturedOutput output) throws Exception {
		Connection connection = availableConnection("bb-down", ProviderType.BITBUCKET);
		fake.bitbucket().goDown();

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.UNREACHABLE", "bb-down")));
		assertThat(output).contains("Check of " + connection.arn() + " by " + caller.username()
				+ ": UNREACHABLE (The provider could not be reached or did not answer in time (")
			.doesNotContain("is now ERROR");

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded(connection).lastCheck().detail()).isEqualTo("UNREACHABLE");
	}

	@Test
	void anExpiredBitbucketTokenIsRefreshedAndTheRotatedRefreshTokenKept() throws Exception {
		Connection connection = availableConnection("bb-refresh", ProviderType.BITBUCKET);
		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		expireStoredToken(connection);
		fake.bitbucket().expireAccessTokens();

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "bb-refresh")));

		ProviderTokens after = connections.credentialsForCheck(caller, connection.id()).tokens();
		assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
		assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
		assertThat(fake.bitbucket().refreshTokenActive(after.refreshToken())).isTrue();
		assertThat(fake.bitbucket().refreshTokenActive(before.refreshToken())).as("rotated away").isFalse();
		assertThat(after.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(110)));
		assertThat(fake.bitbucket().tokenRequests()).last().satisfies((request) -> assertThat(request)
			.containsEntry("grant_type", "refresh_token")
			.containsEntry("refresh_token", before.refreshToken()));
		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void aRefreshThatWaitedOutAnothersWithoutItsTokensStoredIsNotTriedAndChangesNoStatus() throws Exception {
		Connection connection = availableConnection("bb-waited-out", ProviderType.BITBUCKET);
		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		expireStoredToken(connection);
		fake.bitbucket().expireAccessTokens();
		int asked = fake.bitbucket().tokenRequests().size();
		Connection.LastCheck lastCheck = reloaded(connection).lastCheck();
		// another console instance's refresh, which holds the lock past the wait and has stored nothing yet
		Optional<SimpleLock> held = locks.lock(new LockConfiguration(Instant.now(), "token-refresh-"
				+ connection.id().value(), Duration.ofSeconds(60), Duration.ZERO));
		assertThat(held).isPresent();
		try {
			checkFromList(connection);
		}
		finally {
			held.get().unlock();
		}

		assertThat(fake.bitbucket().tokenRequests()).as("its refresh token is the other's to use").hasSize(asked);
		assertThat(fake.bitbucket().refreshTokenActive(before.refreshToken())).isTrue();
		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded(connection).lastCheck()).as("the provider was not asked: nothing to record")
			.isEqualTo(lastCheck);
	}

	@Test
	void checksAtOnceOfAnExpiredTokenRefreshItOnceAndAllGoOnWithTheNewOne() throws Exception {
		Connection connection = availableConnection("bb-together", ProviderType.BITBUCKET);
		expireStoredToken(connection);
		fake.bitbucket().expireAccessTokens();
		int tokenRequestsBefore = fake.bitbucket().tokenRequests().size();
		int callers = 8;
		CyclicBarrier together = new CyclicBarrier(callers);
		List<Future<CheckResult>> results = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
			for (int i = 0; i < callers; i++) {
				results.add(threads.submit(() -> {
					together.await();
					return checks.check(caller, connection.id());
				}));
			}
		}

		for (Future<CheckResult> result : results) {
			assertThat(result.get().outcome()).isEqualTo(CheckOutcome.OK);
		}
		List<Map<String, String>> tokenRequests = fake.bitbucket().tokenRequests();
		assertThat(tokenRequests.subList(tokenRequestsBefore, tokenRequests.size()))
			.filteredOn((request) -> "refresh_token".equals(request.get("grant_type")))
			.hasSize(1);
		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void aBitbucketTokenTheProviderCallsExpiredIsRefreshedOnItsFirst401() throws Exception {
		Connection connection = availableConnection("bb-early", ProviderType.BITBUCKET);
		fake.bitbucket().expireAccessTokens();

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "bb-early")));

		assertThat(fake.bitbucket().tokenRequests()).last()
			.satisfies((request) -> assertThat(request).containsEntry("grant_type", "refresh_token"));
	}

	@Test
	void aRefreshTokenTheProviderRefusesMakesTheConnectionError() throws Exception {
		Connection connection = availableConnection("bb-refused", ProviderType.BITBUCKET);
		expireStoredToken(connection);
		fake.bitbucket().revokeAll();

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.REFRESH_REJECTED", "bb-refused")));

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.ERROR);
	}

	@Test
	void aRefreshThatCantReachTheProviderKeepsTheTokensAndTheStatus() throws Exception {
		Connection connection = availableConnection("bb-refresh-down", ProviderType.BITBUCKET);
		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		expireStoredToken(connection);
		fake.bitbucket().tokenEndpointAnswers(serverError());

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.UNREACHABLE", "bb-refresh-down")));

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		ProviderTokens after = connections.credentialsForCheck(caller, connection.id()).tokens();
		assertThat(after.accessToken()).isEqualTo(before.accessToken());
		assertThat(after.refreshToken()).isEqualTo(before.refreshToken());
	}

	@Test
	void aConnectionPendingItsHandshakeHasNothingToCheck() throws Exception {
		Connection connection = connections.create(caller, regions.require("us-west-2"), ConnectionName.of("pending"),
				ProviderType.GITHUB, Tags.none());

		checkFromList(connection).andExpect(flash().attribute(Flash.ATTRIBUTE,
				new Flash("error", "flash.check.notAvailable", "pending")));
	}

	@Test
	void readOnlyUsersCantCheck() throws Exception {
		Connection connection = availableConnection("gh-readonly", ProviderType.GITHUB);
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);

		mvc.perform(post("/connections/{id}/check", connection.id().value())
			.with(user(testAccounts.principal(reader)))
			.with(csrf())).andExpect(status().isForbidden());
	}

	/** As if the connections had last been checked {@code ago}. */
	private void lastCheckedAgo(Duration ago, Connection... checked) {
		jdbc.sql("UPDATE connection SET last_checked_at = :at WHERE id IN (:ids)")
			.param("at", Instant.now().minus(ago).atOffset(ZoneOffset.UTC))
			.param("ids", Arrays.stream(checked).map((connection) -> connection.id().value()).toList())
			.update();
	}

	@Test
	void thePeriodicCheckChecksEachDueConnectionOnce() throws Exception {
		Connection revoked = availableConnection("gh-periodic", ProviderType.GITHUB);
		Connection working = availableConnection("bb-periodic", ProviderType.BITBUCKET);
		Connection recent = availableConnection("gh-recent", ProviderType.GITHUB);
		fake.github().revokeAll();
		lastCheckedAgo(Duration.ofHours(2), revoked, working);

		checks.checkDue(Duration.ofHours(1));

		assertThat(reloaded(revoked).status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(reloaded(working).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded(working).lastCheck().at()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
		assertThat(reloaded(recent).status()).as("checked within the hour: not due").isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(audit.latest(caller.accountId().value(), 10)).anySatisfy((event) -> {
			assertThat(event.action()).isEqualTo("ConnectionError");
			assertThat(event.actor()).isEqualTo(ConnectionChecks.PERIODIC_CHECK);
		});
		Instant checkedAt = reloaded(working).lastCheck().at();
		checks.checkDue(Duration.ofHours(1));
		assertThat(reloaded(working).lastCheck().at()).as("no longer due").isEqualTo(checkedAt);
	}

	/**
	 * The next run starts an interval after the last started: a connection the last run reached late is checked by
	 * it, not the one after; one a user checked a few minutes ago is not.
	 */
	@Test
	void aConnectionTheLastRunReachedLateIsCheckedByTheNext() throws Exception {
		Connection reachedLate = availableConnection("gh-reached-late", ProviderType.GITHUB);
		Connection checkedByAUser = availableConnection("gh-checked-by-a-user", ProviderType.GITHUB);
		lastCheckedAgo(Duration.ofMinutes(59), reachedLate);
		lastCheckedAgo(Duration.ofMinutes(10), checkedByAUser);
		Instant checkedBefore = reloaded(checkedByAUser).lastCheck().at();

		checks.checkDue(Duration.ofHours(1));

		assertThat(reloaded(reachedLate).lastCheck().at()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
		assertThat(reloaded(checkedByAUser).lastCheck().at()).isEqualTo(checkedBefore);
	}

	/** A console asked to stop ends its periodic check after the connection under way, and starts no other. */
	@Test
	void thePeriodicCheckEndsBeforeTheNextConnectionOnceTheConsoleIsStopping() throws Exception {
		Connection first = availableConnection("gh-stopping-1", ProviderType.GITHUB);
		Connection second = availableConnection("gh-stopping-2", ProviderType.GITHUB);
		lastCheckedAgo(Duration.ofHours(2), first, second);

		assertThat(checks.checkDue(Duration.ofHours(1), () -> true)).as("stopping from the start").isZero();
		AtomicInteger asked = new AtomicInteger();
		assertThat(checks.checkDue(Duration.ofHours(1), () -> asked.getAndIncrement() > 0)).isOne();
		assertThat(checks.checkDue(Duration.ofHours(1))).as("the rest, at the next run").isPositive();
		assertThat(List.of(reloaded(first), reloaded(second))).allSatisfy((checked) -> assertThat(checked.lastCheck().at())
			.isAfter(Instant.now().minus(Duration.ofMinutes(1))));
	}

	@Test
	void aCheckThatReadTokensReplacedMeanwhileChangesNothing() throws Exception {
		Connection connection = availableConnection("bb-raced", ProviderType.BITBUCKET);
		ConnectionCredentials read = connections.credentialsForCheck(caller, connection.id());
		connections.storeRefreshedTokens(read,
				new ProviderTokens("fresh-access", "fresh-refresh", Instant.now().plus(Duration.ofHours(2))));

		connections.recordCheck(read, CheckOutcome.TOKEN_REJECTED, CheckTrigger.ON_DEMAND, caller.username());

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded(connection).lastCheck().ok()).isTrue();
	}

	@Test
	void aRefreshWithoutANewRefreshTokenKeepsTheOldOne() throws Exception {
		Connection connection = availableConnection("bb-keeps", ProviderType.BITBUCKET);
		ConnectionCredentials read = connections.credentialsForCheck(caller, connection.id());

		ConnectionCredentials stored = connections.storeRefreshedTokens(read,
				new ProviderTokens("fresh-access", null, Instant.now().plus(Duration.ofHours(2))));

		assertThat(stored.tokens().accessToken()).isEqualTo("fresh-access");
		assertThat(stored.tokens().refreshToken()).isEqualTo(read.tokens().refreshToken());
	}

}
