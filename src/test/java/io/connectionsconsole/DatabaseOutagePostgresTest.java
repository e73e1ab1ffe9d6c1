package io.connectionsconsole;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.PostgresServer;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL gone while the console runs: health says DOWN and a page says that something went wrong within seconds,
 * not after the half minute a connection pool waits by default (three of them for a page, as its error page reads and
 * saves the session too); once the database is back, the console serves again without a restart.
 */
class DatabaseOutagePostgresTest {

	private ConfigurableApplicationContext console;

	@AfterEach
	void stop() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void anOutageIsToldWithinSecondsAndTheConsoleServesAgainOnceTheDatabaseIsBack() throws Exception {
		List<String> arguments = new ArrayList<>(PostgresServer.newDatabase("outage"));
		String database = URI.create(arguments.getFirst().substring(arguments.getFirst().indexOf("jdbc:") + 5))
			.getPath()
			.substring(1);
		arguments.addAll(List.of("--server.port=0", "--console.token-key=database-outage-test-key-0123456789",
				"--console.admin.password=database-outage-password", "--console.check.enabled=false",
				"--logging.level.root=off"));
		console = new SpringApplicationBuilder(ConsoleApplication.class).run(arguments.toArray(String[]::new));
		String base = "http://localhost:" + console.getBean(Environment.class).getProperty("local.server.port");
		Caller admin = console.getBean(TestAccounts.class).newAdmin();
		ConsoleHttpClient browser = ConsoleHttpClient.signIn(base, admin.username(), TestAccounts.PASSWORD);
		assertThat(browser.get("/connections?region=us-east-1").statusCode()).isEqualTo(200);

		reachable(database, false);
		try {
			Instant asked = Instant.now();
			HttpResponse<String> health = health(base);
			Duration healthTook = Duration.between(asked, Instant.now());
			asked = Instant.now();
			HttpResponse<String> page = browser.get("/connections?region=us-east-1");
			Duration pageTook = Duration.between(asked, Instant.now());

			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("\"status\":\"DOWN\"");
			assertThat(healthTook).as("health's answer").isLessThan(Duration.ofSeconds(15));
			assertThat(page.statusCode()).isEqualTo(500);
			// what it can't know, it doesn't claim: nothing changed
			assertThat(page.body()).contains("Something went wrong").contains("may have been made, or not");
			assertThat(pageTook).as("the page's answer").isLessThan(Duration.ofSeconds(25));
		}
		finally {
			reachable(database, true);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> health(base).statusCode() == 200);
		assertThat(browser.get("/connections?region=us-east-1").statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> health(String base) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		}
	}

	/** Lets the console's database take connections, or refuses them and ends those it has, as an outage does. */
	private static void reachable(String database, boolean reachable) throws Exception {
		try (Connection server = PostgresServer.get().getPostgresDatabase().getConnection();
				Statement statement = server.createStatement()) {
			statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + reachable);
			if (!reachable) {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
						+ "'");
			}
		}
	}

}
