package io.connectionsconsole.connection;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PrometheusScrape;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Connections created and deleted, and creates the quota refused, are counted by provider for Prometheus. */
@ConsoleTest
@AutoConfigureMockMvc
class ConnectionMetricsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	AccountRepository accounts;

	@Autowired
	RegionCatalogue regions;

	@Test
	void createsDeletesAndQuotaRefusalsAreCountedByProvider() throws Exception {
		Caller caller = testAccounts.newAdmin();
		ConsoleUser admin = testAccounts.principal(caller);
		Region region = regions.require("eu-central-1");
		accounts.setConnectionQuota(caller.accountId(), 2);
		PrometheusScrape before = PrometheusScrape.of(mvc, admin);

		mvc.perform(post("/connections").param("region", region.code()).param("name", "counted-one")
			.param("providerType", "GITHUB").with(user(admin)).with(csrf()));
		Connection second = connections.create(caller, region, ConnectionName.of("counted-two"), ProviderType.BITBUCKET,
				Tags.none());
		assertThatThrownBy(() -> connections.create(caller, region, ConnectionName.of("counted-three"),
				ProviderType.BITBUCKET, Tags.none())).isInstanceOf(QuotaExceededException.class);
		connections.delete(caller, second.id());

		PrometheusScrape after = PrometheusScrape.of(mvc, admin);
		assertThat(after.since(before, "console_connections_creations_total{provider=\"github\"}")).isEqualTo(1);
		assertThat(after.since(before, "console_connections_creations_total{provider=\"bitbucket\"}")).isEqualTo(1);
		assertThat(after.since(before, "console_quota_refusals_total{provider=\"bitbucket\"}")).isEqualTo(1);
		assertThat(after.since(before, "console_connections_deletions_total{provider=\"bitbucket\"}")).isEqualTo(1);
		assertThat(after.since(before, "console_connections_deletions_total{provider=\"github\"}")).isZero();
	}

	@Test
	void aCreateRefusedForItsNameIsNotCounted() throws Exception {
		Caller caller = testAccounts.newAdmin();
		ConsoleUser admin = testAccounts.principal(caller);
		Region region = regions.require("eu-central-1");
		connections.create(caller, region, ConnectionName.of("taken-name"), ProviderType.GITHUB, Tags.none());
		PrometheusScrape before = PrometheusScrape.of(mvc, admin);

		assertThatThrownBy(() -> connections.create(caller, region, ConnectionName.of("taken-name"),
				ProviderType.GITHUB, Tags.none())).isInstanceOf(DuplicateConnectionNameException.class);

		assertThat(PrometheusScrape.of(mvc, admin).since(before, "console_connections_creations_total{provider=\"github\"}"))
			.isZero();
	}

}
