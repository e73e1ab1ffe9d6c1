package io.connectionsconsole.connection;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.host.HostService;
import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.security.SecurityConfiguration;
import io.connectionsconsole.support.ConsoleWebMvcTest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The Add connection page alone, over a mocked {@link ConnectionService}: the fast loop beside the full-context
 * {@code ConnectionControllerTest}.
 */
@ConsoleWebMvcTest(ConnectionController.class)
class ConnectionControllerWebMvcTest {

	private static final AccountId ACCOUNT = AccountId.of("111122223333");

	private static final ConsoleUser ADMIN = new ConsoleUser(1, "ada", ACCOUNT, Role.ADMIN, null, true);

	private static final ConsoleUser READER = new ConsoleUser(2, "rita", ACCOUNT, Role.READ_ONLY, null, true);

	private static final Region LONDON = new Region("eu-west-2", "Europe (London)");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ConnectionService connections;

	@MockitoBean
	ListPreferencesService preferences;

	@MockitoBean
	CurrentRegion currentRegion;

	@MockitoBean
	HostService hosts;

	@MockitoBean
	ProviderSetup providerSetup;

	@BeforeEach
	void inLondon() {
		given(currentRegion.resolve(any(), eq(LONDON.code()))).willReturn(LONDON);
		given(connections.usage(any(), eq(LONDON))).willReturn(new QuotaUsage(3, 10));
		given(providerSetup.canCompleteHandshakes(any())).willReturn(true);
	}

	@Test
	void anAdministratorGetsTheFormForTheRegionWithItsQuotaUnderTheConsolesSecurityHeaders() throws Exception {
		mvc.perform(get("/connections/new").param("region", LONDON.code()).with(user(ADMIN)))
			.andExpect(status().isOk())
			.andExpect(view().name(ConnectionController.VIEW_FORM))
			.andExpect(content().string(containsString("action=\"/connections?region=eu-west-2\"")))
			.andExpect(content().string(containsString("3 of 10 connections used in this Region (eu-west-2)")))
			.andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY));
	}

	@Test
	void aProviderWithoutItsOAuthApplicationIsOfferedWithANoteThatItsHandshakeWaitsForIt() throws Exception {
		given(providerSetup.canCompleteHandshakes(ProviderType.BITBUCKET)).willReturn(false);
		given(providerSetup.canCompleteHandshakes(ProviderType.GITLAB)).willReturn(false);

		mvc.perform(get("/connections/new").param("region", LONDON.code()).with(user(ADMIN)))
			.andExpect(status().isOk())
			.andExpect(content().string(matchesRegex("(?s).*id=\"providerType-BITBUCKET\" value=\"BITBUCKET\"\\s+"
					+ "aria-describedby=\"providerType-BITBUCKET-hint\">.*")))
			.andExpect(content().string(containsString("<span class=\"hint\" id=\"providerType-BITBUCKET-hint\">Not set "
					+ "up on this console yet: a connection to Bitbucket can be added, and its handshake completed once an "
					+ "administrator has registered the console&#39;s OAuth application with Bitbucket.</span>")))
			.andExpect(content().string(containsString("providerType-GITLAB-hint")))
			.andExpect(content().string(not(containsString("providerType-GITHUB-hint"))))
			.andExpect(content().string(containsString("id=\"providerType-GITHUB\" value=\"GITHUB\">")));
	}

	@Test
	void htmxGetsTheFormWithItsTitleAndWithoutTheLayout() throws Exception {
		mvc.perform(get("/connections/new").param("region", LONDON.code()).header("HX-Request", "true").with(user(ADMIN)))
			.andExpect(status().isOk())
			.andExpect(view().name(ConnectionController.VIEW_FORM))
			.andExpect(content().string(containsString("<title>Add connection | Connections Console</title>")))
			.andExpect(header().string("HX-Push-Url", "/connections/new?region=eu-west-2"))
			.andExpect(content().string(containsString("id=\"create-form\"")))
			.andExpect(content().string(not(containsString("<html"))));
	}

	@Test
	void aReadOnlyUserIsRefusedTheForm() throws Exception {
		mvc.perform(get("/connections/new").param("region", LONDON.code()).with(user(READER)))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("You are not allowed to create connections")));
	}

	@Test
	void aNameTakenInTheRegionIsShownAtTheNameFieldWithTheServicesWords() throws Exception {
		ConnectionName taken = ConnectionName.of("taken-name");
		given(connections.create(any(), eq(LONDON), eq(taken), eq(ProviderType.GITHUB), any()))
			.willThrow(new DuplicateConnectionNameException(taken, LONDON.code()));

		mvc.perform(post("/connections").param("region", LONDON.code())
			.param("name", taken.value())
			.param("providerType", "GITHUB")
			.with(user(ADMIN))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name(ConnectionController.VIEW_FORM))
			.andExpect(model().attributeHasFieldErrors("form", "name"))
			.andExpect(content().string(containsString("A connection named &#39;taken-name&#39; already exists in eu-west-2.")));
	}

	@Test
	void aFormWithoutAProviderIsRefusedAtItsFieldBeforeTheServiceIsAsked() throws Exception {
		mvc.perform(post("/connections").param("region", LONDON.code())
			.param("name", "no-provider")
			.with(user(ADMIN))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "providerType"))
			.andExpect(content().string(containsString("id=\"providerType-error\"")))
			.andExpect(content().string(containsString("Choose a provider.")))
			// each radio button is marked invalid and tied to the error, which a screen reader reads with it
			.andExpect(content().string(matchesRegex("(?s).*id=\"providerType-GITHUB\" value=\"GITHUB\"\\s+"
					+ "aria-invalid=\"true\"\\s+aria-describedby=\"providerType-error\".*")));

		then(connections).should(never()).create(any(), any(), any(), any(), any());
	}

	@Test
	void aCreationPastTheQuotaIsSaidAboveTheForm() throws Exception {
		given(connections.create(any(), eq(LONDON), any(), any(), any()))
			.willThrow(QuotaExceededException.connections("Connections per Region", 10, "eu-west-2"));

		mvc.perform(post("/connections").param("region", LONDON.code())
			.param("name", "one-too-many")
			.param("providerType", "BITBUCKET")
			.with(user(ADMIN))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"form-error\"")))
			.andExpect(content().string(containsString("of 10 connections in eu-west-2. Delete a connection, or have an administrator raise")));
	}

}
