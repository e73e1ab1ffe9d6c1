package io.connectionsconsole.handshake;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Whose callback completes which handshake: only the user who started it, once, within ten minutes, while
 * the connection is live and still waiting. Every refusal leaves the connection as it was.
 */
@HandshakeTest
@ExtendWith(OutputCaptureExtension.class)
class HandshakeStateTest extends HandshakeTestBase {

	private static final String CALLBACK = "http://localhost/connections/handshake/callback/";

	Caller owner;

	Connection connection;

	@BeforeEach
	void setUp() {
		owner = caller;
		connection = connections.create(owner, regions.require("ap-south-1"), ConnectionName.of("state-rules"),
				ProviderType.GITHUB, Tags.none());
	}

	private ConnectionStatus connectionStatus() {
		return ConnectionStatus.valueOf(jdbc.sql("SELECT status FROM connection WHERE id = :id")
			.param("id", connection.id().value())
			.query(String.class)
			.single());
	}

	private Flash stateUnknown() {
		return new Flash("error", "flash.handshake.stateUnknown", null);
	}

	@Test
	void aCallbackWithoutStateIsRefused(CapturedOutput output) throws Exception {
		flow.start(owner, connection);

		flow.callback(owner, URI.create(CALLBACK + "github?code=some-code"))
			.andExpect(redirectedUrl("/connections?region=us-east-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, stateUnknown()));
		assertThat(LogLines.containing(output, "Handshake callback for github refused: it carries no state"))
			.singleElement()
			.satisfies((line) -> assertThat(LogLines.levelOf(line)).isEqualTo("INFO"));
		assertThat(LogLines.at(output, "WARN")).isEmpty();

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(fake.github().tokenRequests()).isEmpty();
	}

	@Test
	void aForgedStateIsRefused() throws Exception {
		flow.start(owner, connection);

		flow.callback(owner, URI.create(CALLBACK + "github?code=some-code&state=forged-state-value"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, stateUnknown()));

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(fake.github().tokenRequests()).isEmpty();
	}

	@Test
	void aStateWorksOnlyOnce(CapturedOutput output) throws Exception {
		URI authorize = flow.authorizeLink(flow.start(owner, connection));
		flow.callback(owner, authorize)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "state-rules")));

		flow.callback(owner, authorize).andExpect(flash().attribute(Flash.ATTRIBUTE, stateUnknown()));

		assertThat(fake.github().tokenRequests()).hasSize(1);
		// a callback loaded again (Back, Reload) is no operator's concern
		assertThat(output).contains("refused: its state names no handshake " + owner.username() + " has under way");
		assertThat(LogLines.at(output, "WARN")).isEmpty();
	}

	@Test
	void aCancelledHandshakeCantBeCompletedWithItsState() throws Exception {
		String location = flow.start(owner, connection);
		URI authorize = flow.authorizeLink(location);
		flow.callback(owner, flow.cancelLink(location));

		flow.callback(owner, authorize).andExpect(flash().attribute(Flash.ATTRIBUTE, stateUnknown()));

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void anotherUserOfTheAccountCantCompleteTheHandshakeNorSpoilIt(CapturedOutput output) throws Exception {
		URI authorize = flow.authorizeLink(flow.start(owner, connection));
		Caller colleague = testAccounts.newUser(owner.accountId(), Role.ADMIN);

		flow.callback(colleague, authorize).andExpect(flash().attribute(Flash.ATTRIBUTE, stateUnknown()));
		// someone else's handshake under way, not a callback loaded again: a warning
		assertThat(LogLines.containing(output, "Handshake callback for github refused: its state is of a handshake "
				+ "another user has under way, brought by " + colleague.username())).singleElement()
			.satisfies((line) -> assertThat(LogLines.levelOf(line)).isEqualTo("WARN"));
		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);

		flow.callback(owner, authorize)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "state-rules")));
	}

	@Test
	void aUserOfAnotherAccountCantCompleteTheHandshake() throws Exception {
		URI authorize = flow.authorizeLink(flow.start(owner, connection));
		Caller stranger = testAccounts.newAdmin();

		flow.callback(stranger, authorize)
			.andExpect(redirectedUrl("/connections?region=us-east-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, stateUnknown()));

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(fake.github().tokenRequests()).isEmpty();
	}

	@Test
	void aHandshakeExpiresAfterTenMinutes() throws Exception {
		URI authorize = flow.authorizeLink(flow.start(owner, connection));
		jdbc.sql("UPDATE pending_handshake SET created_at = created_at - INTERVAL '11' MINUTE WHERE connection_id = :id")
			.param("id", connection.id().value())
			.update();

		flow.callback(owner, authorize)
			.andExpect(redirectedUrl("/connections?region=ap-south-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.stateExpired", "state-rules")));

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(fake.github().tokenRequests()).isEmpty();
	}

	@Test
	void aStateComesBackOnlyOnItsOwnProvidersCallback() throws Exception {
		URI authorize = flow.authorizeLink(flow.start(owner, connection));

		flow.callback(owner, URI.create(authorize.toString().replace("/callback/github", "/callback/bitbucket")))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.stateUnknown", "state-rules")));

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void aConnectionDeletedDuringItsHandshakeCantBeCompleted() throws Exception {
		URI authorize = flow.authorizeLink(flow.start(owner, connection));
		connections.delete(owner, connection.id());

		flow.callback(owner, authorize)
			.andExpect(redirectedUrl("/connections?region=ap-south-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.handshake.connectionGone", null)));

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.DELETED);
		assertThat(fake.github().tokenRequests()).isEmpty();
	}

	@Test
	void aDeletedConnectionCantStartAHandshake() throws Exception {
		connections.delete(owner, connection.id());

		mvc.perform(post("/connections/{id}/handshake", connection.id().value())
			.with(user(testAccounts.principal(owner)))
			.with(csrf())).andExpect(status().isNotFound());
	}

	@Test
	void theSecondOfTwoHandshakesInProgressFindsTheConnectionAvailable() throws Exception {
		URI first = flow.authorizeLink(flow.start(owner, connection));
		URI second = flow.authorizeLink(flow.start(owner, connection));
		flow.callback(owner, first);

		flow.callback(owner, second)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.notAccepted", "state-rules")));

		assertThat(fake.github().tokenRequests()).hasSize(1);
	}

	@Test
	void anAvailableConnectionDoesntStartAnotherHandshake() throws Exception {
		flow.complete(owner, connection);

		mvc.perform(post("/connections/{id}/handshake", connection.id().value())
			.with(user(testAccounts.principal(owner)))
			.with(csrf()))
			.andExpect(redirectedUrl("/connections?region=ap-south-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.notAccepted", "state-rules")));
	}

	@Test
	void readOnlyUsersCantStartAHandshake() throws Exception {
		Caller reader = testAccounts.newUser(owner.accountId(), Role.READ_ONLY);

		mvc.perform(post("/connections/{id}/handshake", connection.id().value())
			.with(user(testAccounts.principal(reader)))
			.with(csrf())).andExpect(status().isForbidden());

		assertThat(jdbc.sql("SELECT COUNT(*) FROM pending_handshake WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anotherAccountsConnectionIsNotFound() throws Exception {
		Caller stranger = testAccounts.newAdmin();

		mvc.perform(post("/connections/{id}/handshake", connection.id().value())
			.with(user(testAccounts.principal(stranger)))
			.with(csrf())).andExpect(status().isNotFound());
	}

	@Test
	void startingAHandshakeNeedsTheCsrfToken() throws Exception {
		mvc.perform(post("/connections/{id}/handshake", connection.id().value())
			.with(user(testAccounts.principal(owner)))).andExpect(status().isForbidden());
	}

	@Test
	void aCallbackWithoutSignInGoesToTheSignInPage() throws Exception {
		URI authorize = flow.authorizeLink(flow.start(owner, connection));

		mvc.perform(get(authorize).accept("text/html")).andExpect(redirectedUrl("/login"));

		assertThat(connectionStatus()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

}
