package io.connectionsconsole.provider;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.TestAccounts;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A provider that answers only after the console has stopped waiting for it (its read timeout) holds the requests
 * that call it, and nothing else: while 20 checks or callbacks wait on it, the Connected accounts page answers at
 * once, because a provider call never holds a database connection (the pool has 10) and Tomcat has threads to spare.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class SlowProviderTest {

	private static final int CONCURRENT = 20;

	private static final String REGION = "ap-southeast-2";

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	@Autowired
	AccountRepository accounts;

	@Autowired
	DataSource dataSource;

	final FakeProviders fake = FakeProviders.get();

	final ExecutorService users = Executors.newFixedThreadPool(CONCURRENT);

	Caller caller;

	ConsoleHttpClient browser;

	@BeforeEach
	void signIn() {
		fake.reset();
		caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), CONCURRENT);
		browser = ConsoleHttpClient.signIn("http://localhost:" + port, caller.username(), TestAccounts.PASSWORD);
	}

	@AfterEach
	void stopUsers() {
		users.shutdownNow();
	}

	private List<Connection> connections(String prefix) {
		List<Connection> created = new ArrayList<>();
		for (int i = 0; i < CONCURRENT; i++) {
			created.add(connections.create(caller, regions.require(REGION), ConnectionName.of(prefix + i),
					ProviderType.GITHUB, Tags.none()));
		}
		return created;
	}

	private HikariDataSource pool() {
		try {
			return dataSource.unwrap(HikariDataSource.class);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void waitFor(IntSupplier count, int expected) {
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> count.getAsInt() >= expected);
		assertThat(count.getAsInt()).as("requests waiting at the provider").isEqualTo(expected);
	}

	/** Asks for the page while the provider is holding its callers: answered, and soon. */
	private void pageAnswersAtOnce(String listed) {
		long started = System.nanoTime();
		HttpResponse<String> page = browser.get("/connections?region=" + REGION);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(listed);
		assertThat(took).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void theConnectedAccountsPageAnswersWhileTwentyChecksWaitForASlowProvider() throws Exception {
		List<Connection> available = connections("slow-check-");
		for (Connection connection : available) {
			connections.completeHandshake(caller, connection.id(), HandshakeKind.COMPLETE,
					new Connection.ProviderAccount("octo-fake", "Octo Fake", "https://github.com/octo-fake"),
					new ProviderTokens("gho_slowcheck" + connection.id().value(), null, null), null);
		}
		browser.get("/connections?region=" + REGION);
		fake.github().userEndpointAnswers(okJson("{\"login\":\"octo-fake\"}").withFixedDelay(FakeProviders.SLOW_MILLIS));

		List<CompletableFuture<HttpResponse<String>>> checks = available.stream()
			.map((c) -> CompletableFuture.supplyAsync(() -> browser.post("/connections/" + c.id().value() + "/check", ""),
					users))
			.toList();
		waitFor(fake.github()::userEndpointRequests, CONCURRENT);

		assertThat(pool().getHikariPoolMXBean().getActiveConnections()).as("database connections in use").isZero();
		pageAnswersAtOnce("slow-check-0");
		for (CompletableFuture<HttpResponse<String>> check : checks) {
			assertThat(check.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(302);
		}
		for (Connection connection : available) {
			Connection checked = connections.get(caller, connection.id());
			assertThat(checked.status()).isEqualTo(ConnectionStatus.AVAILABLE);
			assertThat(checked.lastCheck().ok()).isFalse();
		}
	}

	@Test
	void theConnectedAccountsPageAnswersWhileTwentyCallbacksWaitForASlowTokenEndpoint() throws Exception {
		List<URI> callbacks = new ArrayList<>();
		for (Connection connection : connections("slow-callback-")) {
			String authorize = browser.post("/connections/" + connection.id().value() + "/handshake", "")
				.headers()
				.firstValue("Location")
				.orElseThrow();
			callbacks.add(FakeProviders.authorizeLink(authorize));
		}
		fake.github().tokenEndpointAnswers(okJson("{}").withFixedDelay(FakeProviders.SLOW_MILLIS));

		List<CompletableFuture<HttpResponse<String>>> answers = callbacks.stream()
			.map((link) -> CompletableFuture.supplyAsync(() -> browser.open(link), users))
			.toList();
		waitFor(fake.github()::tokenEndpointRequests, CONCURRENT);

		assertThat(pool().getHikariPoolMXBean().getActiveConnections()).as("database connections in use").isZero();
		pageAnswersAtOnce("slow-callback-0");
		for (CompletableFuture<HttpResponse<String>> answer : answers) {
			assertThat(answer.get(10, TimeUnit.SECONDS).headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/connections?region=" + REGION));
		}
	}

}
