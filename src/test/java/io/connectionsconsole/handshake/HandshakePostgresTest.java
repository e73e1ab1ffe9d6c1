package io.connectionsconsole.handshake;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.host.Host;
import io.connectionsconsole.host.HostInUseException;
import io.connectionsconsole.host.HostService;
import io.connectionsconsole.host.HostType;
import io.connectionsconsole.link.RepositoryLinkService;
import io.connectionsconsole.provider.ConnectionChecks;
import io.connectionsconsole.provider.RepoName;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.support.PostgresServer;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/** The handshake's statements (pending handshakes, tokens, checks) on a real PostgreSQL server. */
@HandshakeTest
class HandshakePostgresTest extends HandshakeTestBase {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresServer.register(registry);
	}

	@Autowired
	ConnectionChecks checks;

	@Autowired
	RepositoryLinkService links;

	@Autowired
	HostService hosts;

	private Connection create(String name, ProviderType type) {
		return connections.create(caller, regions.require("us-east-2"), ConnectionName.of(name), type, Tags.none());
	}

	private void check(Connection connection, String expectedMessage) throws Exception {
		mvc.perform(post("/connections/{id}/check", connection.id().value())
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash(expectedMessage.endsWith("OK") ? "success" : "error", expectedMessage,
							connection.name().value())));
	}

	@Test
	void aGitHubConnectionGoesAvailableErrorAndAvailableAgain() throws Exception {
		Connection connection = create("pg-github", ProviderType.GITHUB);

		flow.complete(caller, connection);
		assertThat(connections.get(caller, connection.id()).providerAccount().login()).isEqualTo("octo-fake");
		check(connection, "flash.check.OK");
		fake.github().revokeAll();
		check(connection, "flash.check.TOKEN_REJECTED");
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.ERROR);
		flow.reauthorize(caller, connection);

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(connections.credentialsForCheck(caller, connection.id()).tokens().expiresAt()).isNull();
	}

	@Test
	void aBitbucketConnectionRefreshesItsExpiredToken() throws Exception {
		Connection connection = create("pg-bitbucket", ProviderType.BITBUCKET);
		flow.complete(caller, connection);
		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		jdbc.sql("UPDATE connection SET token_expires_at = :past WHERE id = :id")
			.param("past", Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();

		check(connection, "flash.check.OK");

		ProviderTokens after = connections.credentialsForCheck(caller, connection.id()).tokens();
		assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
		assertThat(fake.bitbucket().refreshTokenActive(after.refreshToken())).isTrue();
	}

	@Test
	void aGitLabConnectionRefreshesWithTheRedirectUriOfItsHandshakeAndLinksAProjectInSubgroups() throws Exception {
		Connection connection = create("pg-gitlab", ProviderType.GITLAB);
		flow.complete(caller, connection);
		String redirectUri = fake.gitlab().authorizeRequests().getLast().get("redirect_uri");
		expireStoredToken(connection);
		fake.gitlab().expireAccessTokens();

		check(connection, "flash.check.OK");

		assertThat(fake.gitlab().tokenRequests().getLast()).containsEntry("grant_type", "refresh_token")
			.containsEntry("redirect_uri", redirectUri);
		assertThat(connections.credentialsForCheck(caller, connection.id()).tokens().redirectUri()).isEqualTo(redirectUri);
		String path = "g".repeat(100) + "/" + "p".repeat(100) + "/" + "r".repeat(53);
		fake.gitlab().branches(path, List.of("main"));
		assertThat(links.create(caller, connection.id(), RepoName.parse(path)).repository().fullName()).isEqualTo(path);
	}

	@Test
	void aConnectionThroughAHostShakesHandsWithItsServerAndKeepsTheHostFromBeingDeleted() throws Exception {
		Host host = hosts.create(caller, regions.require("us-east-2"), new HostService.NewHost("pg-host",
				HostType.GITLAB_SELF_MANAGED, fake.baseUrl() + "/selfmanaged", true, FakeProviders.SELF_MANAGED_CLIENT_ID,
				FakeProviders.SELF_MANAGED_CLIENT_SECRET, null));
		assertThat(host.arn()).startsWith("arn:aws:apprunner:us-east-2:" + caller.accountId().value() + ":host/pg-host/");
		Connection connection = connections.createThroughHost(caller, regions.require("us-east-2"),
				ConnectionName.of("pg-through-host"), host.id(), Tags.none());

		flow.complete(caller, connection);

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(fake.selfManagedGitLab().tokenRequests()).isNotEmpty();
		assertThatExceptionOfType(HostInUseException.class).isThrownBy(() -> hosts.delete(caller, host.id()))
			.withMessageContaining("pg-through-host");
		connections.delete(caller, connection.id());
		assertThat(hosts.delete(caller, host.id()).name().value()).isEqualTo("pg-host");
		assertThat(hosts.list(caller, regions.require("us-east-2"))).isEmpty();
	}

	@Test
	void pendingHandshakesExpireAndAreUsedOnce() throws Exception {
		Connection connection = create("pg-pending", ProviderType.GITHUB);
		URI late = flow.authorizeLink(flow.start(caller, connection));
		jdbc.sql("UPDATE pending_handshake SET created_at = :old WHERE connection_id = :id")
			.param("old", Instant.now().minus(Duration.ofMinutes(11)).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();

		flow.callback(caller, late)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.stateExpired", "pg-pending")));
		flow.callback(caller, late)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.handshake.stateUnknown", null)));

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void thePeriodicCheckClaimsDueConnections() throws Exception {
		Connection connection = create("pg-periodic", ProviderType.GITHUB);
		flow.complete(caller, connection);
		jdbc.sql("UPDATE connection SET last_checked_at = :old WHERE id = :id")
			.param("old", Instant.now().minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();
		fake.github().revokeAll();

		checks.checkDue(Duration.ofHours(1));

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.ERROR);
	}

}
