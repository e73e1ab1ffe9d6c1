package io.connectionsconsole.provider;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.connectionsconsole.ConsoleApplication;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.TestAccounts;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance asked to stop, as at a rolling restart, finishes the requests it is serving: a check waiting for its
 * provider when the stop comes gets its ordinary answer, and what it found is stored; an answer on its way from the
 * application to the socket when the stop comes still arrives.
 */
class GracefulShutdownTest {

	private static final String DATABASE = "jdbc:h2:mem:graceful-shutdown;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

	/** Within the provider read timeout of the tests, so that the check succeeds, only slowly. */
	private static final int PROVIDER_MILLIS = 1500;

	private final FakeProviders fake = FakeProviders.get();

	private ConfigurableApplicationContext instance;

	@AfterEach
	void stop() {
		if (instance != null) {
			instance.close();
		}
	}

	@Test
	void aCheckInFlightWhenTheInstanceIsAskedToStopFinishesWithItsAnswer() throws Exception {
		fake.reset();
		instance = start(DATABASE, new SpringApplicationBuilder(ConsoleApplication.class));
		Caller caller = instance.getBean(TestAccounts.class).newAdmin();
		ConnectionService connections = instance.getBean(ConnectionService.class);
		Connection connection = connections.create(caller, instance.getBean(RegionCatalogue.class).require("eu-west-2"),
				ConnectionName.of("checked-at-stop"), ProviderType.GITHUB, Tags.none());
		connections.completeHandshake(caller, connection.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("octo-fake", "Octo Fake",
						"https://github.com/octo-fake"),
				new ProviderTokens("gho_checkedatstop", null, null), null);
		ConsoleHttpClient browser = ConsoleHttpClient.signIn(
				"http://localhost:" + instance.getBean(Environment.class).getProperty("local.server.port"),
				caller.username(), TestAccounts.PASSWORD);
		fake.github()
			.userEndpointAnswers(okJson("{\"login\":\"octo-fake\",\"name\":\"Octo Fake\"}").withFixedDelay(PROVIDER_MILLIS));

		Instant asked = Instant.now();
		CompletableFuture<HttpResponse<String>> check = CompletableFuture
			.supplyAsync(() -> browser.post("/connections/" + connection.id().value() + "/check", ""));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> fake.github().userEndpointRequests() > 0);
		assertThat(fake.github().userEndpointRequests()).as("the check is waiting for the provider").isOne();
		instance.close();
		Instant stopped = Instant.now();

		HttpResponse<String> answer = check.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/connections?region=eu-west-2"));
		// The provider answered PROVIDER_MILLIS after the request reached it, whenever the stop began; the log's clock
		// counts in milliseconds.
		assertThat(stopped).as("the stop waited for the provider's answer")
			.isAfterOrEqualTo(fake.github().firstUserEndpointRequestAt().plusMillis(PROVIDER_MILLIS - 1));
		try (java.sql.Connection database = DriverManager.getConnection(DATABASE, "sa", "");
				PreparedStatement query = database
					.prepareStatement("SELECT last_checked_at, last_check_ok FROM connection WHERE id = ?")) {
			query.setString(1, connection.id().value());
			ResultSet row = query.executeQuery();
			assertThat(row.next()).isTrue();
			assertThat(row.getObject("last_checked_at", OffsetDateTime.class).toInstant())
				.as("the check's finding was stored").isAfterOrEqualTo(asked.minusMillis(1));
			assertThat(row.getBoolean("last_check_ok")).isTrue();
		}
	}

	@Test
	void anAnswerThatHasLeftTheApplicationButNotYetItsServerReachesItsClient() throws Exception {
		// Spring Boot's graceful shutdown waits for requests inside the application only; the valve holds an answer
		// between the application and the socket, as a busy machine may, when the stop comes.
		SlowToTheSocket valve = new SlowToTheSocket();
		instance = start("jdbc:h2:mem:graceful-shutdown-socket;DB_CLOSE_DELAY=-1",
				new SpringApplicationBuilder(ConsoleApplication.class)
					.initializers((context) -> context.getBeanFactory()
						.registerSingleton("slowToTheSocket", (WebServerFactoryCustomizer<TomcatServletWebServerFactory>) (
								factory) -> factory.addContextValves(valve))));
		Caller caller = instance.getBean(TestAccounts.class).newAdmin();
		ConsoleHttpClient browser = ConsoleHttpClient.signIn(
				"http://localhost:" + instance.getBean(Environment.class).getProperty("local.server.port"),
				caller.username(), TestAccounts.PASSWORD);

		CompletableFuture<HttpResponse<String>> page = CompletableFuture
			.supplyAsync(() -> browser.get("/connections?region=eu-west-2", SlowToTheSocket.HEADER, "yes"));
		assertThat(valve.leftTheApplication.await(10, TimeUnit.SECONDS)).as("the page left the application").isTrue();
		instance.close();

		HttpResponse<String> answer = page.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body().strip()).as("the whole page arrived").endsWith("</html>");
	}

	private static ConfigurableApplicationContext start(String database, SpringApplicationBuilder console) {
		return console.initializers(new FakeProviders.Initializer())
			.run("--server.port=0", "--spring.datasource.url=" + database,
					"--console.token-key=graceful-shutdown-key-0123456789", "--console.admin.password=graceful-shutdown-password",
					"--console.check.enabled=false", "--logging.level.root=warn");
	}

	/**
	 * Holds the answers of requests marked with {@link #HEADER} for a while after the application has written them
	 * and before Tomcat sends them.
	 */
	private static final class SlowToTheSocket extends ValveBase {

		static final String HEADER = "X-Slow-To-The-Socket";

		final CountDownLatch leftTheApplication = new CountDownLatch(1);

		SlowToTheSocket() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			getNext().invoke(request, response);
			if (request.getHeader(HEADER) != null) {
				this.leftTheApplication.countDown();
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
