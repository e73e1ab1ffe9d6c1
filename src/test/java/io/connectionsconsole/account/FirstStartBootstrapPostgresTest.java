package io.connectionsconsole.account;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.connectionsconsole.ConsoleApplication;
import io.connectionsconsole.support.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two console instances starting together on one empty PostgreSQL database: between them they create one default
 * account and one administrator, and both start. Each round empties the database's accounts and runs both instances'
 * first start at the same moment.
 */
class FirstStartBootstrapPostgresTest {

	private static final String DATABASE = "first_start_race";

	private static final int ROUNDS = 5;

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	@BeforeAll
	static void startTwoInstances() throws SQLException {
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
		return SpringApplication.run(ConsoleApplication.class, "--server.port=0",
				"--spring.datasource.url=" + PostgresServer.get().getJdbcUrl("postgres", DATABASE),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				"--console.token-key=first-start-race-key-0123456789abcdef", "--console.check.enabled=false",
				"--console.admin.password=first-start-admin-password", "--logging.level.root=warn");
	}

	private static JdbcClient jdbc() {
		return one.getBean(JdbcClient.class);
	}

	private static long count(String sql) {
		return jdbc().sql(sql).query(Long.class).single();
	}

	@Test
	void twoInstancesStartingTogetherOnAnEmptyDatabaseCreateOneAccountAndOneAdministrator() throws Exception {
		List<FirstStartBootstrap> firstStarts = List.of(one.getBean(FirstStartBootstrap.class),
				two.getBean(FirstStartBootstrap.class));
		ExecutorService threads = Executors.newFixedThreadPool(firstStarts.size());
		try {
			for (int round = 0; round < ROUNDS; round++) {
				jdbc().sql("DELETE FROM console_user").update();
				jdbc().sql("DELETE FROM account").update();
				CyclicBarrier together = new CyclicBarrier(firstStarts.size());
				List<Future<?>> started = firstStarts.stream().map((firstStart) -> threads.submit(() -> {
					together.await();
					firstStart.run(null);
					return null;
				})).<Future<?>>map((future) -> future).toList();
				for (Future<?> instance : started) {
					instance.get(60, TimeUnit.SECONDS);
				}

				assertThat(count("SELECT COUNT(*) FROM account")).as("accounts after round %d", round).isEqualTo(1);
				assertThat(count("SELECT COUNT(*) FROM console_user WHERE role = 'ADMIN'"))
					.as("administrators after round %d", round)
					.isEqualTo(1);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
