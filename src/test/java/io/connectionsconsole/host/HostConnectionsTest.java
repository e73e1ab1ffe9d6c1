package io.connectionsconsole.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.support.FakeProvider;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.support.QueuedBehind;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Connections through hosts, against WireMock playing a GitLab self-managed at {@code /selfmanaged} and a GitHub
 * Enterprise Server at {@code /enterprise} (API at {@code /api/v3}): *Add connection* offers the Region's available
 * hosts, and the handshake, checks, refreshes and the Repositories section use the host's OAuth application and
 * server; a host's outage fails only its own connections' checks.
 */
@HandshakeTest
class HostConnectionsTest extends HandshakeTestBase {

	@Autowired
	MeterRegistry meters;

	@Autowired
	HostService hosts;

	@Autowired
	AccountService accounts;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditLog audit;

	private Host host(String name, HostType type, String path, String clientId, String clientSecret) {
		return hosts.create(caller, regions.require("us-west-2"), new HostService.NewHost(name, type,
				fake.baseUrl() + path, true, clientId, clientSecret, null));
	}

	private Host selfManaged() {
		return host("corp-gitlab", HostType.GITLAB_SELF_MANAGED, "/selfmanaged", FakeProviders.SELF_MANAGED_CLIENT_ID,
				FakeProviders.SELF_MANAGED_CLIENT_SECRET);
	}

	private Connection throughTheForm(Host host, String name) throws Exception {
		mvc.perform(post("/connections").param("region", "us-west-2")
			.param("name", name)
			.param("providerType", "host:" + host.id())
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.connection.created", name)));
		return connections.list(caller, regions.require("us-west-2"), io.connectionsconsole.connection.ConnectionQuery.all()).stream()
			.filter((connection) -> connection.name().value().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aHostDeletedSinceTheFormWasShownIsAnErrorOnTheFormAndCreatesNothing() throws Exception {
		mvc.perform(post("/connections").param("region", "us-west-2")
			.param("name", "through-nothing")
			.param("providerType", "host:" + "0".repeat(32))
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The host chosen is not one of this account (any more)")));

		assertThat(connections.list(caller, regions.require("us-west-2"),
				io.connectionsconsole.connection.ConnectionQuery.all())).extracting((c) -> c.name().value())
			.doesNotContain("through-nothing");
	}

	/** {@code request} waits for the account's lock, which {@code first} holds and commits under. */
	private <T> CompletableFuture<T> queuedBehind(Runnable first, Supplier<T> request) {
		return QueuedBehind.queuedBehind(transactions, jdbc, () -> accounts.lock(caller.accountId()), first, request);
	}

	@Test
	void aConnectionCreatedWhileItsHostIsDeletedIsRefusedAndTheHostGoesWithNoConnectionThroughIt() throws Exception {
		Host host = selfManaged();

		CompletableFuture<Connection> creating = queuedBehind(() -> hosts.delete(caller, host.id()),
				() -> connections.createThroughHost(caller, regions.require("us-west-2"),
						ConnectionName.of("through-going"), host.id(), Tags.none()));

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> creating.get(20, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(InvalidInputException.class)
			.withMessageContaining("The host chosen is not one of this account (any more)");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM connection WHERE host_id = :host").param("host", host.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void ofTwoDeletesOfAHostAtOnceTheSecondFindsItGoneAndOnlyOneIsAudited() throws Exception {
		Host host = selfManaged();

		CompletableFuture<Host> second = queuedBehind(() -> hosts.delete(caller, host.id()),
				() -> hosts.delete(caller, host.id()));

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> second.get(20, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(NotFoundException.class);
		assertThat(audit.latest(caller.accountId().value(), 10)).extracting(AuditEvent::action)
			.containsOnlyOnce("DeleteHost");
	}

	@Test
	void addConnectionOffersTheRegionsAvailableHostsBesideTheCloudProviders() throws Exception {
		Host host = selfManaged();

		mvc.perform(get("/connections/new").param("region", "us-west-2").with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("value=\"GITLAB\"")))
			.andExpect(content().string(containsString("value=\"host:" + host.id() + "\"")))
			.andExpect(content().string(containsString("corp-gitlab (host, GitLab self-managed)")));
		mvc.perform(get("/connections/new").param("region", "eu-west-1").with(user(testAccounts.principal(caller))))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("host:" + host.id()))));
	}

	@Test
	void aGitLabSelfManagedConnectionShakesHandsRefreshesAndListsThroughItsHost() throws Exception {
		Host host = selfManaged();
		FakeProvider server = fake.selfManagedGitLab();
		Connection connection = throughTheForm(host, "lab-on-prem");
		double started = meters.counter("console.handshakes.started", "provider", "host").count();
		double completed = meters.counter("console.handshakes.completed", "provider", "host").count();
		assertThat(connection.hostId()).isEqualTo(host.id());
		assertThat(connection.providerType()).isEqualTo(ProviderType.GITLAB);

		String authorizeUrl = flow.start(caller, connection);
		assertThat(authorizeUrl).startsWith(fake.baseUrl() + "/selfmanaged/oauth/authorize?");
		flow.callback(caller, flow.authorizeLink(authorizeUrl))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.handshake.completed", "lab-on-prem")));
		assertThat(meters.counter("console.handshakes.started", "provider", "host").count())
			.as("a host's handshakes counted as the host's, whichever host").isEqualTo(started + 1);
		assertThat(meters.counter("console.handshakes.completed", "provider", "host").count()).isEqualTo(completed + 1);

		Map<String, String> authorize = server.authorizeRequests().getLast();
		assertThat(authorize).containsEntry("client_id", FakeProviders.SELF_MANAGED_CLIENT_ID)
			.containsEntry("scope", "read_api read_repository read_user")
			.containsKey("code_challenge");
		assertThat(authorize.get("redirect_uri")).endsWith("/connections/handshake/callback/host");
		assertThat(fake.gitlab().authorizeRequests()).as("gitlab.com is not asked").isEmpty();
		Connection available = connections.get(caller, connection.id());
		assertThat(available.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(available.providerAccount().login()).isEqualTo(server.login());

		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		expireStoredToken(connection);
		server.expireAccessTokens();
		checkFromList(connection)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "lab-on-prem")));
		assertThat(server.tokenRequests().getLast()).containsEntry("grant_type", "refresh_token")
			.containsEntry("refresh_token", before.refreshToken())
			.containsEntry("redirect_uri", authorize.get("redirect_uri"));

		server.repositories(List.of("platform/ci/runner", "platform/web"), true);
		mvc.perform(get("/connections/" + connection.id().value() + "/repositories")
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString(">platform/ci/runner</a>")))
			.andExpect(content().string(containsString("id=\"repositories-counter\">(2)</span>")));
		assertThat(server.apiRequests()).first()
			.isEqualTo("/selfmanaged/api/v4/projects?membership=true&order_by=last_activity_at&per_page=100");
	}

	@Test
	void aGitHubEnterpriseServerConnectionUsesTheServersLoginAndApiV3() throws Exception {
		Host host = host("corp-ghe", HostType.GITHUB_ENTERPRISE_SERVER, "/enterprise",
				FakeProviders.ENTERPRISE_CLIENT_ID, FakeProviders.ENTERPRISE_CLIENT_SECRET);
		FakeProvider server = fake.enterpriseServer();
		Connection connection = throughTheForm(host, "ghe-on-prem");
		assertThat(connection.providerType()).isEqualTo(ProviderType.GITHUB);

		String authorizeUrl = flow.start(caller, connection);
		assertThat(authorizeUrl).startsWith(fake.baseUrl() + "/enterprise/login/oauth/authorize?");
		flow.callback(caller, flow.authorizeLink(authorizeUrl))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.handshake.completed", "ghe-on-prem")));
		assertThat(connections.get(caller, connection.id()).providerAccount().login()).isEqualTo(server.login());

		server.repositories(List.of("octo-corp/app"), false);
		mvc.perform(get("/connections/" + connection.id().value() + "/repositories")
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString(">octo-corp/app</a>")))
			.andExpect(content().string(containsString("id=\"details-host\"")));
		assertThat(server.apiRequests()).first().isEqualTo("/enterprise/api/v3/user/repos?per_page=100");
		assertThat(fake.github().apiRequests()).as("github.com is not asked").isEmpty();
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);
		mvc.perform(get("/connections/" + connection.id().value()).with(user(testAccounts.principal(reader))))
			.andExpect(content().string(containsString("id=\"details-host\"")))
			.andExpect(content().string(containsString("corp-ghe: GitHub Enterprise Server at " + fake.baseUrl()
					+ "/enterprise")));
	}

	@Test
	void aServerWithAPrivateAuthoritysCertificateIsReachedOverTlsTrustingThatAuthorityForItsConnections()
			throws Exception {
		Host host = hosts.create(caller, regions.require("us-west-2"), new HostService.NewHost("tls-ghe",
				HostType.GITHUB_ENTERPRISE_SERVER, fake.httpsBaseUrl() + "/enterprise", false,
				FakeProviders.ENTERPRISE_CLIENT_ID, FakeProviders.ENTERPRISE_CLIENT_SECRET, fake.caPem()));
		assertThat(host.status()).isEqualTo(HostStatus.AVAILABLE);
		FakeProvider server = fake.enterpriseServer();
		Connection connection = throughTheForm(host, "ghe-over-tls");

		String authorizeUrl = flow.start(caller, connection);
		assertThat(authorizeUrl).startsWith(fake.httpsBaseUrl() + "/enterprise/login/oauth/authorize?");
		flow.callback(caller, flow.authorizeLink(authorizeUrl))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.handshake.completed", "ghe-over-tls")));
		server.repositories(List.of("octo-corp/secure"), true);
		mvc.perform(get("/connections/" + connection.id().value() + "/repositories")
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString(">octo-corp/secure</a>")));
		checkFromList(connection)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "ghe-over-tls")));

		// The same server without the authority's certificate is refused, as a man in the middle would be.
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> hosts.create(caller, regions.require("us-west-2"), new HostService.NewHost("tls-no-ca",
					HostType.GITHUB_ENTERPRISE_SERVER, fake.httpsBaseUrl() + "/enterprise", false,
					FakeProviders.ENTERPRISE_CLIENT_ID, FakeProviders.ENTERPRISE_CLIENT_SECRET, null)))
			.withMessageContaining("doesn't verify");
	}

	@Test
	void aHostsOutageFailsOnlyItsOwnConnectionsChecks() throws Exception {
		Host host = selfManaged();
		Connection onPrem = throughTheForm(host, "lab-outage");
		flow.complete(caller, onPrem);
		Connection cloud = availableConnection("lab-cloud", ProviderType.GITLAB);
		fake.selfManagedGitLab().goDown();

		checkFromList(onPrem)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.check.UNREACHABLE", "lab-outage")));
		checkFromList(cloud)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "lab-cloud")));

		assertThat(connections.get(caller, onPrem.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(connections.get(caller, onPrem.id()).lastCheck().detail()).isEqualTo(CheckOutcome.UNREACHABLE.name());
	}

	@Test
	void aHostThatIsNotAvailableOrOfAnotherRegionIsRefused() {
		fake.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
			.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/down/api/v4/version"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
		Host down = host("down-host", HostType.GITLAB_SELF_MANAGED, "/down", "id", "secret");
		assertThat(down.status()).isEqualTo(HostStatus.ERROR);
		Host available = selfManaged();

		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> connections.createThroughHost(caller, regions.require("us-west-2"),
					ConnectionName.of("through-down"), down.id(), Tags.none()))
			.withMessageContaining("is not an available host of us-west-2");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> connections.createThroughHost(caller, regions.require("eu-west-1"),
					ConnectionName.of("other-region"), available.id(), Tags.none()))
			.withMessageContaining("is not an available host of eu-west-1");
		assertThat(connections.list(caller, regions.require("us-west-2"), io.connectionsconsole.connection.ConnectionQuery.all())).isEmpty();
	}

}
