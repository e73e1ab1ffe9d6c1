package io.connectionsconsole.handshake;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** The console as it starts with no provider configured: the handshake says what to set, and starts nothing. */
@ConsoleTest
@AutoConfigureMockMvc
class HandshakeNotConfiguredTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@EnumSource(ProviderType.class)
	void aProviderWithoutClientIdSaysWhichPropertiesToSet(ProviderType type) throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = connections.create(caller, regions.require("eu-central-1"),
				ConnectionName.of("unconfigured"), type, Tags.none());
		var principal = user(testAccounts.principal(caller));

		MvcResult result = mvc.perform(post("/connections/{id}/handshake", connection.id().value()).with(principal)
			.with(csrf()))
			.andExpect(redirectedUrl("/connections?region=eu-central-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.notConfigured." + type.registrationId(), "unconfigured")))
			.andReturn();

		mvc.perform(get(result.getResponse().getRedirectedUrl()).cookie(result.getResponse().getCookies()).with(principal))
			.andExpect(content().string(containsString(type.displayName() + " is not configured on this console")))
			.andExpect(content().string(containsString(
					"spring.security.oauth2.client.registration." + type.registrationId() + ".client-id")));
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM pending_handshake WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Long.class)
			.single()).isZero();
	}

	/** A link to share would lead whoever opens it to the same refusal: none is made, and the reason is the same. */
	@ParameterizedTest
	@EnumSource(ProviderType.class)
	void noHandshakeLinkIsMadeForAProviderWithoutClientId(ProviderType type) throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = connections.create(caller, regions.require("eu-central-1"),
				ConnectionName.of("unshared"), type, Tags.none());

		mvc.perform(post("/connections/{id}/handshake-link", connection.id().value())
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(redirectedUrl("/connections?region=eu-central-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.notConfigured." + type.registrationId(), "unshared")));

		assertThat(jdbc.sql("SELECT COUNT(*) FROM handshake_link WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Long.class)
			.single()).isZero();
	}

}
