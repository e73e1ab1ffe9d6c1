package io.connectionsconsole.account;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PostgresServer;
import io.connectionsconsole.support.QueuedBehind;

import static org.assertj.core.api.Assertions.assertThat;

/** User management on a real PostgreSQL server, where two administrators really do act at once. */
@ConsoleTest
class UserServicePostgresTest extends UserServiceContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

	/**
	 * Two made-up answers of an identity provider at once, the first of its window: one audit row, no failure. The
	 * second waits for the first's throttle row; PostgreSQL ends a transaction at the duplicate key it then meets.
	 */
	@Test
	void identityProviderRefusalsAtOnceAreRecordedOnceAndNeitherFails() {
		Caller admin = testAccounts.newAdmin();
		String provider = "idp-" + System.nanoTime();

		CompletableFuture<Boolean> second = QueuedBehind.queuedBehind(transactions, jdbc,
				() -> users.recordIdentityRefusal(admin.accountId(), provider, "invalid_id_token"), () -> {
				}, () -> {
					users.recordIdentityRefusal(admin.accountId(), provider, "invalid_id_token");
					return true;
				});

		assertThat(second).succeedsWithin(Duration.ofSeconds(20));
		assertThat(audit.latest(admin.accountId().value(), 20)).filteredOn((event) -> provider.equals(event.actor()))
			.singleElement()
			.satisfies((event) -> assertThat(event.action()).isEqualTo("SignInRefused"));
	}

}
