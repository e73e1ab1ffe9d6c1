package io.connectionsconsole.handshake;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.support.PrometheusScrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Handshakes and checks are counted by provider and outcome, and Prometheus reads the counts. */
@HandshakeTest
class HandshakeMetricsTest extends HandshakeTestBase {

	private ConsoleUser admin;

	private PrometheusScrape before;

	@BeforeEach
	void scrapeFirst() throws Exception {
		admin = testAccounts.principal(caller);
		before = PrometheusScrape.of(mvc, admin);
	}

	private Connection connection(String name, ProviderType type) {
		return connections.create(caller, regions.require("ap-south-1"), ConnectionName.of(name), type, Tags.none());
	}

	private double grown(String series) throws Exception {
		return PrometheusScrape.of(mvc, admin).since(before, series);
	}

	private void check(Connection connection) throws Exception {
		mvc.perform(post("/connections/{id}/check", connection.id().value()).with(user(admin)).with(csrf()));
	}

	@Test
	void aCompletedHandshakeCountsAsStartedAndCompletedForItsProvider() throws Exception {
		flow.complete(caller, connection("counted-gh", ProviderType.GITHUB));

		assertThat(grown("console_handshakes_started_total{provider=\"github\"}")).isEqualTo(1);
		assertThat(grown("console_handshakes_completed_total{provider=\"github\"}")).isEqualTo(1);
		assertThat(grown("console_handshakes_started_total{provider=\"bitbucket\"}")).isZero();
	}

	@Test
	void aCancelledHandshakeCountsAsFailedWithItsOutcome() throws Exception {
		Connection connection = connection("counted-bb", ProviderType.BITBUCKET);

		flow.callback(caller, flow.cancelLink(flow.start(caller, connection)));

		assertThat(grown("console_handshakes_started_total{provider=\"bitbucket\"}")).isEqualTo(1);
		assertThat(grown("console_handshakes_failed_total{outcome=\"CANCELLED\",provider=\"bitbucket\"}")).isEqualTo(1);
		assertThat(grown("console_handshakes_completed_total{provider=\"bitbucket\"}")).isZero();
	}

	@Test
	void aCallbackForAnUnknownProviderIsCountedUnderUnknownNotUnderItsName() throws Exception {
		flow.callback(caller, URI.create("http://localhost/connections/handshake/callback/made-up?code=x&state=y"));

		assertThat(grown("console_handshakes_failed_total{outcome=\"STATE_UNKNOWN\",provider=\"unknown\"}"))
			.isEqualTo(1);
		assertThat(PrometheusScrape.of(mvc, admin).value(
				"console_handshakes_failed_total{outcome=\"STATE_UNKNOWN\",provider=\"made-up\"}")).isZero();
	}

	@Test
	void checksAreCountedByProviderOutcomeAndWhoAskedForThem() throws Exception {
		Connection connection = connection("checked-gh", ProviderType.GITHUB);
		flow.complete(caller, connection);

		check(connection);
		fake.github().revokeAll();
		check(connection);

		assertThat(grown("console_checks_total{outcome=\"OK\",provider=\"github\",trigger=\"user\"}")).isEqualTo(1);
		assertThat(grown("console_checks_total{outcome=\"TOKEN_REJECTED\",provider=\"github\",trigger=\"user\"}"))
			.isEqualTo(1);
	}

}
