package io.connectionsconsole.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionEvent;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.support.PostgresServer;
import io.connectionsconsole.support.QueuedBehind;

import static org.assertj.core.api.Assertions.assertThat;

/** GitHub's webhooks, every case of {@link GitHubWebhookTest}, with the console on a real PostgreSQL server. */
class GitHubWebhookPostgresTest extends GitHubWebhookTest {

	@Autowired
	TransactionTemplate transactions;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

	/**
	 * GitHub sends an installation's webhook as it sends the browser back to the console's Setup URL: the handshake's
	 * first record of the installation meets the webhook's, made at the same moment, and goes over it.
	 */
	@Test
	void aHandshakeRecordingAnInstallationAsAWebhookDoesKeepsIt() {
		long id = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
		GitHubInstallations.Installation asTheWebhookSaw = new GitHubInstallations.Installation(id, "octo-org",
				"Organization", "all", false, false, null);
		GitHubInstallations.Installation asTheHandshakeListed = new GitHubInstallations.Installation(id, "octo-org",
				"Organization", "selected", false, false, null);

		CompletableFuture<Boolean> handshake = QueuedBehind.queuedBehind(transactions, jdbc,
				() -> installations.keep(asTheWebhookSaw, Instant.now()), () -> {
				}, () -> {
					installations.keepAsListed(asTheHandshakeListed, Instant.now());
					return true;
				});

		assertThat(handshake).succeedsWithin(Duration.ofSeconds(20));
		assertThat(installations.find(id)).hasValueSatisfying(
				(kept) -> assertThat(kept.selection()).as("the handshake's, the later").isEqualTo("selected"));
	}

	/**
	 * An unsuspension read a connection as its suspension left it; another instance put it in error for another reason
	 * before the unsuspension wrote it: it stays in error.
	 */
	@Test
	void anUnsuspensionDoesNotRestoreAConnectionPutInErrorForAnotherReasonMeanwhile() {
		Connection connection = servedBy(installation, "suspended-then-revoked", "Revoking-User");
		jdbc.sql("""
				UPDATE connection SET status = 'ERROR', last_checked_at = CURRENT_TIMESTAMP, last_check_ok = FALSE,
				                      last_check_detail = 'INSTALLATION_SUSPENDED'
				WHERE id = :id""")
			.param("id", connection.id().value())
			.update();

		CompletableFuture<List<Connection>> unsuspended = QueuedBehind.queuedBehind(transactions, jdbc,
				() -> jdbc.sql("UPDATE connection SET last_check_detail = 'AUTHORIZATION_REVOKED' WHERE id = :id")
					.param("id", connection.id().value())
					.update(), () -> {
					}, () -> connections.installationChanged(installation, ConnectionEvent.INSTALLATION_UNSUSPENDED,
							CheckOutcome.OK));

		assertThat(unsuspended).succeedsWithin(Duration.ofSeconds(20)).asInstanceOf(InstanceOfAssertFactories.LIST)
			.isEmpty();
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.ERROR);
	}

}
