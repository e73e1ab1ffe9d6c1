package io.connectionsconsole.provider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.connectionsconsole.ConsoleApplication;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two console instances on one PostgreSQL database, as a cluster behind a load balancer: each schedules the periodic
 * check every interval, and between them it runs once per interval, not once per instance.
 */
class PeriodicCheckClusterPostgresTest {

	private static final String DATABASE = "periodic_check_cluster";

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration WATCHED = Duration.ofSeconds(10);

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	@BeforeAll
	static void startTwoInstances() throws Exception {
		try (Connection admin = DriverManager.getConnection(PostgresServer.get().getJdbcUrl("postgres", "postgres"),
				"postgres", "postgres")) {
			ResultSet exists = admin.createStatement()
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
			if (!exists.next()) {
				admin.createStatement().execute("CREATE DATABASE " + DATABASE);
			}
		}
		one = instance();
		two = instance();
	}

	@AfterAll
	static void stopThem() {
		two.close();
		one.close();
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(ConsoleApplication.class).initializers(new FakeProviders.Initializer())
			.run("--server.port=0", "--spring.datasource.url=" + PostgresServer.get().getJdbcUrl("postgres", DATABASE),
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
					"--console.token-key=periodic-check-cluster-key-0123456789", "--console.admin.password=cluster-admin-password",
					"--console.check.interval=" + INTERVAL, "--console.check.initial-delay=PT0S",
					"--logging.level.root=warn");
	}

	/** How often the periodic check has run on this instance. */
	private static long runs(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class).get("console.periodic.check").timer().count();
	}

	@Test
	void twoInstancesRunThePeriodicCheckOncePerIntervalBetweenThem() throws Exception {
		long before = runs(one) + runs(two);

		Thread.sleep(WATCHED.toMillis());

		long ran = runs(one) + runs(two) - before;
		long intervals = WATCHED.dividedBy(INTERVAL);
		// Each instance alone would run it once per interval: twice as often as this, with both running.
		assertThat(ran).isBetween(intervals / 2, intervals + 1);
	}

}
