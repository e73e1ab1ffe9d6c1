package io.connectionsconsole.support;

import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;

/** What every handshake test starts from: fresh fake providers, a new account's admin, and the flow driver. */
public abstract class HandshakeTestBase {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected TestAccounts testAccounts;

	@Autowired
	protected ConnectionService connections;

	@Autowired
	protected RegionCatalogue regions;

	@Autowired
	protected JdbcClient jdbc;

	protected final FakeProviders fake = FakeProviders.get();

	protected HandshakeFlow flow;

	protected Caller caller;

	@BeforeEach
	protected void startFresh() {
		fake.reset();
		flow = new HandshakeFlow(mvc, testAccounts);
		caller = testAccounts.newAdmin();
	}

	/** A new connection of the caller's, through the whole handshake with the fake provider. */
	protected Connection availableConnection(String name, ProviderType type) throws Exception {
		Connection connection = connections.create(caller, regions.require("us-west-2"), ConnectionName.of(name), type,
				Tags.none());
		flow.complete(caller, connection);
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		return connection;
	}

	/** The caller's *Check connection* of the list (us-west-2), answered with a redirect back to it. */
	protected ResultActions checkFromList(Connection connection) throws Exception {
		return mvc.perform(post("/connections/{id}/check", connection.id().value())
			.with(user(testAccounts.principal(caller)))
			.with(csrf())).andExpect(redirectedUrl("/connections?region=us-west-2"));
	}

	/** Our side believes the token expired: as if two hours had passed since the handshake. */
	protected void expireStoredToken(Connection connection) {
		jdbc.sql("UPDATE connection SET token_expires_at = :past WHERE id = :id")
			.param("past", Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();
	}

}
