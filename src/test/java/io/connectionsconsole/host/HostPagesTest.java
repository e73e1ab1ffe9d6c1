package io.connectionsconsole.host;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.web.Flash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * *Hosts* against WireMock playing a GitLab self-managed ({@code /selfmanaged}) and a GitHub Enterprise Server
 * ({@code /enterprise}) at their own base URLs: created once the server answers as what it says, refused at the field
 * when it can never work, stored in error with *Retry* when it can't be reached, kept while connections go through it.
 */
@HandshakeTest
class HostPagesTest extends HandshakeTestBase {

	private static final String SECRET = "gloas-self-managed-client-secret-0042";

	@Autowired
	AuditLog audit;

	@Autowired
	SecretCipher cipher;

	@BeforeEach
	void servers() {
		fake.server().stubFor(get(urlPathEqualTo("/selfmanaged/api/v4/version"))
			.willReturn(okJson("{\"version\":\"17.6.1-ee\",\"revision\":\"2b3c4d\"}")));
		fake.server().stubFor(get(urlPathEqualTo("/enterprise/api/v3/meta"))
			.willReturn(okJson("{\"verifiable_password_authentication\":true,\"installed_version\":\"3.14.2\"}")));
	}

	private String url(String path) {
		return fake.baseUrl() + path;
	}

	private MockHttpServletRequestBuilder createHost(String name, String type, String url, boolean forTesting) {
		return createHost(name, type, url, forTesting, "self-managed-application-id", SECRET);
	}

	private MockHttpServletRequestBuilder createHost(String name, String type, String url, boolean forTesting,
			String clientId, String clientSecret) {
		MockHttpServletRequestBuilder request = post("/hosts").param("region", "us-west-2")
			.param("name", name)
			.param("providerType", type)
			.param("url", url)
			.param("clientId", clientId)
			.param("clientSecret", clientSecret)
			.with(user(testAccounts.principal(caller)))
			.with(csrf());
		return forTesting ? request.param("forTesting", "true") : request;
	}

	/** How many times the self-managed GitLab was asked for its version, as a probe asks. */
	private int versionAsked() {
		return fake.server().countRequestsMatching(getRequestedFor(urlPathEqualTo("/selfmanaged/api/v4/version")).build())
			.getCount();
	}

	private ResultActions page(String path) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
			.with(user(testAccounts.principal(caller))));
	}

	private String createdId(ResultActions created) throws Exception {
		MvcResult result = created.andExpect(status().is3xxRedirection()).andReturn();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/hosts/");
		return location.substring("/hosts/".length());
	}

	private long storedHosts() {
		return jdbc.sql("SELECT COUNT(*) FROM host WHERE account_id = :account")
			.param("account", caller.accountId().value())
			.query(Long.class)
			.single();
	}

	@Test
	void aGitLabThatAnswersAsGitLabIsCreatedAvailableWithItsArnAndItsSecretSealed() throws Exception {
		String id = createdId(mvc.perform(createHost("corp-gitlab", "GITLAB_SELF_MANAGED", url("/selfmanaged/"), true))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.host.created", "corp-gitlab"))));

		page("/hosts/" + id).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"host-heading\">corp-gitlab</h1>")))
			.andExpect(content().string(containsString("arn:aws:apprunner:us-west-2:" + caller.accountId().value()
					+ ":host/corp-gitlab/" + id)))
			.andExpect(content().string(containsString("status-available")))
			.andExpect(content().string(containsString(url("/selfmanaged") + "</dd>")))
			.andExpect(content().string(not(containsString(SECRET))))
			.andExpect(content().string(not(containsString("id=\"host-retry\""))));
		page("/hosts?region=us-west-2")
			.andExpect(content().string(containsString(">corp-gitlab</a>")))
			.andExpect(content().string(containsString("GitLab self-managed")));
		Map<String, Object> row = jdbc.sql("SELECT client_secret, status FROM host WHERE id = :id").param("id", id)
			.query()
			.singleRow();
		assertThat((String) row.get("client_secret")).isNotEqualTo(SECRET).doesNotContain(SECRET);
		assertThat(cipher.decrypt((String) row.get("client_secret"))).isEqualTo(SECRET);
		assertThat(row.get("status")).isEqualTo("AVAILABLE");
		assertThat(audit.latest(caller.accountId().value(), 5)).extracting(AuditEvent::action).contains("CreateHost");
	}

	@Test
	void aGitHubEnterpriseServerIsFoundByItsMeta() throws Exception {
		String id = createdId(mvc.perform(createHost("corp-ghe", "GITHUB_ENTERPRISE_SERVER", url("/enterprise"), true)));

		page("/hosts/" + id).andExpect(content().string(containsString("GitHub Enterprise Server")))
			.andExpect(content().string(containsString("status-available")));
	}

	@Test
	void eachRuleThatNeedsNoServerIsShownAtItsFieldAndNothingIsStored() throws Exception {
		mvc.perform(post("/hosts").param("region", "us-west-2")
			.param("name", "-bad name")
			.param("url", "http://gitlab.example.com")
			.param("caCertificate", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "name", "providerType", "url", "clientId", "clientSecret",
					"caCertificate"))
			.andExpect(content().string(containsString("must start with https://")))
			.andExpect(content().string(containsString("That is a private key")));

		assertThat(storedHosts()).isZero();
	}

	@Test
	void valuesNoChoiceOfTheFormGivesAreRefusedAtTheirFieldsAndNothingIsStored() throws Exception {
		mvc.perform(createHost("odd-values", "GITLAB_ANYWHERE", url("/selfmanaged"), false))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "providerType"))
			.andExpect(content().string(containsString("Choose a provider.")))
			.andExpect(content().string(containsString("value=\"odd-values\"")));
		mvc.perform(createHost("odd-values", "GITLAB_SELF_MANAGED", url("/selfmanaged"), false).param("forTesting", "maybe"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "forTesting"))
			.andExpect(content().string(containsString("id=\"forTesting-error\"")))
			.andExpect(content().string(containsString("Tick the box or leave it empty.")))
			.andExpect(content().string(matchesRegex("(?s).*value=\"GITLAB_SELF_MANAGED\"\\s+name=\"providerType\"[^>]* checked.*")))
			.andExpect(content().string(containsString("value=\"odd-values\"")))
			.andExpect(content().string(not(containsString(SECRET))));

		assertThat(storedHosts()).isZero();
	}

	@Test
	void aClientSecretLongerThanAnyOAuthApplicationsIsRefusedAtItsFieldBeforeTheServerIsAsked() throws Exception {
		int asked = versionAsked();
		mvc.perform(createHost("long-secret", "GITLAB_SELF_MANAGED", url("/selfmanaged"), true).param("clientSecret",
				"s".repeat(HostService.MAX_CLIENT_SECRET + 1)))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "clientSecret"))
			.andExpect(content().string(containsString("The client secret is longer than 1000 characters")));

		assertThat(storedHosts()).isZero();
		assertThat(versionAsked()).isEqualTo(asked);
	}

	/**
	 * OAuth's client ids and secrets are printable ASCII: anything else was pasted with them. A secret of 700 euro
	 * signs passed the length rule and then overflowed its sealed column, a 500 after the server was asked; a NUL in
	 * the client id, which PostgreSQL refuses, a 500 there. The secret's character is not named.
	 */
	@Test
	void aClientIdOrSecretWithCharactersOAuthDoesNotUseIsRefusedAtItsFieldBeforeTheServerIsAsked() throws Exception {
		int asked = versionAsked();

		mvc.perform(createHost("euro-secret", "GITLAB_SELF_MANAGED", url("/selfmanaged"), true,
				"self-managed-application-id", "\u20AC".repeat(700)))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "clientSecret"))
			.andExpect(content().string(containsString("An OAuth client secret is made of printable ASCII characters")))
			.andExpect(content().string(not(containsString("U+20AC"))));
		mvc.perform(createHost("nul-client", "GITLAB_SELF_MANAGED", url("/selfmanaged"), true, "app\u0000id", SECRET))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "clientId"))
			.andExpect(content().string(containsString("this one has U+0000 at position 4")));

		assertThat(storedHosts()).isZero();
		assertThat(versionAsked()).isEqualTo(asked);
	}

	@Test
	void aServerThatAnswersAsTheOtherKindIsRefusedAtTheProviderAndNothingIsStored() throws Exception {
		mvc.perform(createHost("wrong-kind", "GITHUB_ENTERPRISE_SERVER", url("/selfmanaged"), true))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "providerType"))
			.andExpect(content().string(containsString("answers as GitLab self-managed, not as GitHub Enterprise Server")))
			.andExpect(content().string(not(containsString(SECRET))));

		assertThat(storedHosts()).isZero();
	}

	@Test
	void aNameTakenInTheRegionIsRefusedAtTheName() throws Exception {
		createdId(mvc.perform(createHost("taken-name", "GITLAB_SELF_MANAGED", url("/selfmanaged"), true)));

		mvc.perform(createHost("taken-name", "GITLAB_SELF_MANAGED", url("/selfmanaged"), true))
			.andExpect(model().attributeHasFieldErrors("form", "name"))
			.andExpect(content().string(containsString("A host named taken-name already exists in us-west-2.")));
		assertThat(storedHosts()).isOne();
	}

	@Test
	void aServerThatCantBeReachedIsStoredInErrorWithItsReasonAndRetryMakesItAvailable() throws Exception {
		fake.server().stubFor(get(urlPathEqualTo("/later/api/v4/version")).atPriority(1)
			.willReturn(aResponse().withStatus(503).withBody("Starting")));
		fake.server().stubFor(get(urlPathEqualTo("/later/api/v3/meta")).atPriority(1)
			.willReturn(aResponse().withStatus(503).withBody("Starting")));
		String id = createdId(mvc.perform(createHost("not-yet", "GITLAB_SELF_MANAGED", url("/later"), true))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.host.createdWithError", "not-yet"))));
		page("/hosts/" + id).andExpect(content().string(containsString("status-error")))
			.andExpect(content().string(containsString("doesn&#39;t answer /api/v4/version as GitLab self-managed does")))
			.andExpect(content().string(containsString("id=\"host-retry\"")));

		fake.server().stubFor(get(urlPathEqualTo("/later/api/v4/version")).atPriority(1)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"401 Unauthorized\"}")));
		mvc.perform(post("/hosts/" + id + "/retry").with(user(testAccounts.principal(caller))).with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.host.available", "not-yet")));

		page("/hosts/" + id).andExpect(content().string(containsString("status-available")))
			.andExpect(content().string(not(containsString("id=\"host-reason\""))));
	}

	@Test
	void aHostThatConnectionsGoThroughIsKeptAndNamesThemAndIsDeletedOnceTheyAreGone() throws Exception {
		String id = createdId(mvc.perform(createHost("kept-host", "GITLAB_SELF_MANAGED", url("/selfmanaged"), true)));
		Connection through = connections.create(caller, regions.require("us-west-2"), ConnectionName.of("lab-through"),
				ProviderType.GITLAB, Tags.none());
		jdbc.sql("UPDATE connection SET host_id = :host WHERE id = :id")
			.param("host", id)
			.param("id", through.id().value())
			.update();

		page("/hosts/" + id).andExpect(content().string(containsString("id=\"host-in-use\"")))
			.andExpect(content().string(containsString("<li>lab-through</li>")))
			.andExpect(content().string(not(containsString("id=\"delete-host-form\""))));
		mvc.perform(post("/hosts/" + id + "/delete").param("confirm", "delete")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.host.refused",
					"Host kept-host has 1 connection: lab-through. Delete it first.")));
		assertThat(jdbc.sql("SELECT status FROM host WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("AVAILABLE");

		connections.delete(caller, through.id());
		mvc.perform(post("/hosts/" + id + "/delete").param("confirm", "delete")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.host.deleted", "kept-host")));

		page("/hosts?region=us-west-2").andExpect(content().string(not(containsString(">kept-host</a>"))));
		page("/hosts/" + id).andExpect(status().isNotFound());
		assertThat(jdbc.sql("SELECT client_secret FROM host WHERE id = :id").param("id", id).query(String.class).single())
			.as("the secret is forgotten").isEmpty();
		createdId(mvc.perform(createHost("kept-host", "GITLAB_SELF_MANAGED", url("/selfmanaged"), true)));
		assertThat(audit.latest(caller.accountId().value(), 10)).extracting(AuditEvent::action).contains("DeleteHost");
	}

	@Test
	void hostsAreForAdministratorsOnly() throws Exception {
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);

		page("/connections?region=us-west-2").andExpect(content().string(containsString("href=\"/hosts\"")));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/connections")
			.param("region", "us-west-2")
			.with(user(testAccounts.principal(reader))))
			.andExpect(content().string(not(containsString("href=\"/hosts\""))));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/hosts")
			.with(user(testAccounts.principal(reader))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/hosts").param("region", "us-west-2")
			.param("name", "readers-host")
			.param("providerType", "GITLAB_SELF_MANAGED")
			.param("url", url("/selfmanaged"))
			.param("forTesting", "true")
			.param("clientId", "id")
			.param("clientSecret", "secret")
			.with(user(testAccounts.principal(reader)))
			.with(csrf()))
			.andExpect(status().isForbidden());
		// a form with mistakes is refused as such, not answered with the administrator's form and its field errors
		mvc.perform(post("/hosts").param("region", "us-west-2")
			.param("name", "")
			.with(user(testAccounts.principal(reader)))
			.with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(storedHosts()).isZero();
		assertThat(List.of(HostType.values())).extracting(HostType::awsName)
			.containsExactly("GitHubEnterpriseServer", "GitLabSelfManaged");
	}

}
