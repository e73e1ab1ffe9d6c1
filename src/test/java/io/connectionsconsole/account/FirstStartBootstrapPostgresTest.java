package io.connectionsconsole.account;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

	private static final int ROUNDS = 5;

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	@BeforeAll
	static void startTwoInstances() {
		List<String> arguments = Stream.concat(PostgresServer.newDatabase("first_start_race").stream(),
				Stream.of("--server.port=0", "--console.token-key=first-start-race-key-0123456789abcdef",
						"--console.check.enabled=false", "--console.admin.password=first-start-admin-password",
						"--logging.level.root=warn"))
			.toList();
		one = SpringApplication.run(ConsoleApplication.class, arguments.toArray(String[]::new));
		two = SpringApplication.run(ConsoleApplication.class, arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stopThem() {
		two.close();
		one.close();
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
				jdbc().sql("DELETE FROM audit_event").update();
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
				assertThat(count("SELECT COUNT(*) FROM audit_event WHERE action = 'AddUser'"))
					.as("administrators added in the audit trail after round %d", round)
					.isEqualTo(1);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
