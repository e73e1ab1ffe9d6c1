package io.connectionsconsole.handshake;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.provider.ConnectionChecks;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.web.Flash;

import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Update authorization: the handshake again for an AVAILABLE or ERROR connection. It keeps the ARN, keeps the old
 * token in force until the new one is stored, and changes nothing when the provider denies or fails. Complete
 * handshake stays the action of a PENDING_HANDSHAKE connection.
 */
@HandshakeTest
class UpdateAuthorizationTest extends HandshakeTestBase {

	@Autowired
	AuditLog audit;

	@Autowired
	ConnectionChecks checks;

	private Connection available(String name, ProviderType type) throws Exception {
		Connection connection = connections.create(caller, regions.require("eu-central-1"), ConnectionName.of(name),
				type, Tags.none());
		flow.complete(caller, connection);
		return connections.get(caller, connection.id());
	}

	private String storedAccessToken(Connection connection) {
		return connections.credentialsForRead(caller, connection.id()).tokens().accessToken();
	}

	private Map<String, Object> row(Connection connection) {
		return jdbc.sql("""
				SELECT status, provider_login, access_token, refresh_token FROM connection WHERE id = :id""")
			.param("id", connection.id().value())
			.query()
			.singleRow();
	}

	@Test
	void anAvailableConnectionGetsANewTokenAndAccountAndKeepsItsArn() throws Exception {
		Connection connection = available("reauth-gh", ProviderType.GITHUB);
		String oldToken = storedAccessToken(connection);
		fake.github().user("octo-owner", "Octo Owner");

		flow.reauthorize(caller, connection)
			.andExpect(redirectedUrl("/connections?region=eu-central-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.handshake.completed", "reauth-gh")));

		Connection updated = connections.get(caller, connection.id());
		assertThat(updated.arn()).isEqualTo(connection.arn());
		assertThat(updated.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(updated.providerAccount().login()).isEqualTo("octo-owner");
		assertThat(storedAccessToken(connection)).isNotEqualTo(oldToken).isIn(fake.github().issuedAccessTokens());
		assertThat(audit.latest(caller.accountId().value(), 1)).singleElement().satisfies((event) -> {
			assertThat(event.action()).isEqualTo("UpdateAuthorization");
			assertThat(event.detail()).isEqualTo("octo-owner (was octo-fake)");
			assertThat(event.resource()).isEqualTo(connection.arn().value());
		});
		assertThat(connections.details(caller, connection.id()).history().get(0).trigger())
			.isEqualTo(CheckTrigger.HANDSHAKE);
	}

	@Test
	void theOldTokenStaysInForceWhileTheProviderIsAsked() throws Exception {
		Connection connection = available("reauth-meanwhile", ProviderType.BITBUCKET);
		String oldToken = storedAccessToken(connection);
		URI authorize = flow.authorizeLink(flow.startReauthorization(caller, connection));

		assertThat(checks.check(caller, connection.id()).outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(storedAccessToken(connection)).isEqualTo(oldToken);

		flow.callback(caller, authorize)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "reauth-meanwhile")));
		assertThat(storedAccessToken(connection)).isNotEqualTo(oldToken);
	}

	@Test
	void aDeniedUpdateChangesNothing() throws Exception {
		Connection connection = available("reauth-denied", ProviderType.GITHUB);
		Map<String, Object> before = row(connection);

		flow.callback(caller, flow.cancelLink(flow.startReauthorization(caller, connection)))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.cancelled", "reauth-denied")));

		assertThat(row(connection)).isEqualTo(before);
	}

	@Test
	void aFailedUpdateOfAConnectionInErrorLeavesItInError() throws Exception {
		Connection connection = available("reauth-failed", ProviderType.GITHUB);
		fake.github().revokeAll();
		checks.check(caller, connection.id());
		Map<String, Object> before = row(connection);
		assertThat(before.get("status")).isEqualTo("ERROR");
		URI authorize = flow.authorizeLink(flow.startReauthorization(caller, connection));
		fake.github().tokenEndpointAnswers(serverError());

		flow.callback(caller, authorize)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.providerFailed", "reauth-failed")));

		assertThat(row(connection)).isEqualTo(before);
	}

	@Test
	void aPendingConnectionCompletesItsHandshakeRatherThanUpdatingIt() throws Exception {
		Connection pending = connections.create(caller, regions.require("eu-central-1"), ConnectionName.of("not-yet"),
				ProviderType.GITHUB, Tags.none());

		mvc.perform(post("/connections/{id}/reauthorize", pending.id().value())
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(redirectedUrl("/connections?region=eu-central-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.notReauthorizable", "not-yet")));

		assertThat(jdbc.sql("SELECT COUNT(*) FROM pending_handshake WHERE connection_id = :id")
			.param("id", pending.id().value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aConnectionInErrorUpdatesItsAuthorizationRatherThanCompletingAHandshake() throws Exception {
		Connection connection = available("in-error", ProviderType.GITHUB);
		fake.github().revokeAll();
		checks.check(caller, connection.id());

		mvc.perform(post("/connections/{id}/handshake", connection.id().value())
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.handshake.notAccepted", "in-error")));
	}

	@Test
	void anUpdateStartedBeforeTheConnectionWasDeletedStoresNothing() throws Exception {
		Connection connection = available("reauth-deleted", ProviderType.GITHUB);
		URI authorize = flow.authorizeLink(flow.startReauthorization(caller, connection));
		connections.delete(caller, connection.id());

		flow.callback(caller, authorize)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.handshake.connectionGone", null)));

		assertThat(row(connection).get("access_token")).isNull();
	}

	@Test
	void readOnlyUsersCantUpdateAuthorization() throws Exception {
		Connection connection = available("reauth-reader", ProviderType.GITHUB);
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);

		mvc.perform(post("/connections/{id}/reauthorize", connection.id().value())
			.with(user(testAccounts.principal(reader)))
			.with(csrf())).andExpect(status().isForbidden());
	}

}
