package io.connectionsconsole.provider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.link.NewLinkToken;
import io.connectionsconsole.link.RepositoryLink;
import io.connectionsconsole.link.RepositoryLinkService;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.FakeGitHubApp;
import io.connectionsconsole.support.GitHubAppTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.support.TestConnections;
import io.connectionsconsole.web.Flash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A GitHub App connection reads as its installation: its repositories are those the installation grants, read with a
 * token the app mints; a clone through a repository link gets a token narrowed to that repository; a repository taken
 * out of the installation's selection refuses clones, saying so; an installation GitHub no longer knows puts the
 * connection in error at its next check. The details page names the installation and links to GitHub's page for it.
 */
@GitHubAppTest
@ExtendWith(OutputCaptureExtension.class)
class GitHubAppReadsTest extends HandshakeTestBase {

	@Autowired
	TestConnections testConnections;

	@Autowired
	GitHubInstallations installations;

	@Autowired
	RepositoryLinkService links;

	private final FakeGitHubApp app = FakeGitHubApp.get();

	private long installation;

	private Connection connection;

	@BeforeEach
	void anAppConnection() {
		installation = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
		installations.keep(new GitHubInstallations.Installation(installation, "octo-org", "Organization", "selected",
				false, false, null), Instant.now());
		connection = testConnections.github(caller, "us-west-2", "app-reads");
		connections.completeHandshake(caller, connection.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("octo-fake", "Octo Fake", "https://github.com/octo-fake"),
				new ProviderTokens("ghu_userTokenNotUsedForReads", "ghr_refresh", Instant.now().plusSeconds(28_800)),
				installation);
		String tokens = app.apiPath("/app/installations/" + installation + "/access_tokens");
		String expiry = Instant.now().plusSeconds(3600).toString();
		app.server().stubFor(post(urlPathEqualTo(tokens)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"token\": \"ghs_wholeInstallation\", \"expires_at\": \"" + expiry + "\"}")));
		app.server().stubFor(post(urlPathEqualTo(tokens)).withRequestBody(containing("\"repositories\"")).atPriority(1)
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"token\": \"ghs_narrowedToWidgets\", \"expires_at\": \"" + expiry + "\"}")));
		app.server().stubFor(get(urlPathEqualTo(app.apiPath("/installation/repositories")))
			.withHeader("Authorization", equalTo("Bearer ghs_wholeInstallation"))
			.willReturn(okJson("""
					{"total_count": 1, "repositories": [{"full_name": "octo-org/widgets", "private": true,
					 "default_branch": "main", "html_url": "https://github.com/octo-org/widgets",
					 "updated_at": "2026-11-30T10:00:00Z"}]}""")));
		app.server().stubFor(get(urlPathEqualTo(app.apiPath("/repos/octo-org/widgets/branches")))
			.withHeader("Authorization", equalTo("Bearer ghs_wholeInstallation"))
			.willReturn(okJson("[{\"name\": \"main\", \"commit\": {\"sha\": \"0123abcd\"}}]")));
		app.server().stubFor(get(urlPathMatching("/github/octo-org/widgets\\.git/info/refs"))
			.withHeader("Authorization", equalTo("Basic " + Base64.getEncoder()
				.encodeToString("x-access-token:ghs_narrowedToWidgets".getBytes(StandardCharsets.UTF_8))))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/x-git-upload-pack-advertisement")
				.withBody("001e# service=git-upload-pack\n0000")));
	}

	private Connection reloaded() {
		return connections.get(caller, connection.id());
	}

	private String cloneSecret() {
		RepositoryLink link = links.create(caller, connection.id(), RepoName.parse("octo-org/widgets"));
		NewLinkToken token = links.createToken(caller, link.id(), "ci", 30);
		return token.secret();
	}

	@Test
	void theRepositoriesAreThoseTheInstallationGrants() throws Exception {
		mvc.perform(MockMvcRequestBuilders.get("/connections/{id}/repositories", connection.id().value())
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("octo-org/widgets")));

		assertThat(app.server().findAll(getRequestedFor(urlPathEqualTo(app.apiPath("/user/repos"))))).isEmpty();
		assertThat(reloaded().status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(installations.find(installation)).get().extracting(GitHubInstallations.Installation::repositories)
			.isEqualTo(1);
		mvc.perform(MockMvcRequestBuilders.get("/connections/{id}", connection.id().value())
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("Selected repositories (1)")));
	}

	@Test
	void theDetailsPageNamesTheInstallationAndLinksToItsPageAtGitHub() throws Exception {
		mvc.perform(MockMvcRequestBuilders.get("/connections/{id}", connection.id().value())
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"installation-account\">octo-org<")))
			.andExpect(content().string(containsString("Selected repositories")))
			.andExpect(content().string(containsString(
					app.baseUrl() + "/organizations/octo-org/settings/installations/" + installation)))
			.andExpect(content().string(not(containsString("ghu_userTokenNotUsedForReads"))));
	}

	/** Git's first request of a clone of the linked repository, with the link token as the password. */
	private MockHttpServletRequestBuilder infoRefs(String secret) {
		return MockMvcRequestBuilders
			.get("/git-http/{account}/us-west-2/{id}/octo-org/widgets.git/info/refs", caller.accountId().value(),
					connection.id().value())
			.param("service", "git-upload-pack")
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString(("ci:" + secret).getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aCloneGetsATokenNarrowedToItsRepository() throws Exception {
		String secret = cloneSecret();

		mvc.perform(infoRefs(secret))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("# service=git-upload-pack")));

		assertThat(app.server()
			.findAll(postRequestedFor(urlPathEqualTo(app.apiPath("/app/installations/" + installation + "/access_tokens")))
				.withRequestBody(containing("\"widgets\"")))).hasSize(1);
	}

	@Test
	void aPublicRepositoryOfAnotherAccountThanTheInstallationsIsNotLinked() {
		app.server().stubFor(get(urlPathEqualTo(app.apiPath("/repos/torvalds/linux/branches")))
			.withHeader("Authorization", equalTo("Bearer ghs_wholeInstallation"))
			.willReturn(okJson("[{\"name\": \"master\", \"commit\": {\"sha\": \"4567cdef\"}}]")));

		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> links.create(caller, connection.id(), RepoName.parse("torvalds/linux")))
			.withMessage("This connection reads through the GitHub App's installation on octo-org: only its "
					+ "repositories can be linked, not torvalds/linux.");
		assertThat(app.server().findAll(getRequestedFor(urlPathEqualTo(app.apiPath("/repos/torvalds/linux/branches")))))
			.as("the provider is not asked").isEmpty();
	}

	@Test
	void aRepositoryTakenOutOfTheInstallationRefusesClonesSayingSo() throws Exception {
		String secret = cloneSecret();
		installations.removed(installation, "octo-org/widgets", Instant.now());

		mvc.perform(infoRefs(secret))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("taken out of the repositories")))
			.andExpect(content().string(containsString("octo-org")));
	}

	@ParameterizedTest
	@CsvSource({ "404, INSTALLATION_DELETED, was deleted, and the connection is now in ERROR: install the app again",
			"403, INSTALLATION_SUSPENDED, is suspended, and the connection is now in ERROR: an owner of the installation" })
	void aCloneThatFindsTheInstallationGoneOrSuspendedSaysSoAndThatTheConnectionIsInError(int status,
			CheckOutcome outcome, String says) throws Exception {
		String secret = cloneSecret();
		app.server().stubFor(post(urlPathEqualTo(app.apiPath("/app/installations/" + installation + "/access_tokens")))
			.atPriority(1)
			.willReturn(aResponse().withStatus(status).withBody("{\"message\": \"No\"}")));

		mvc.perform(infoRefs(secret))
			.andExpect(status().isBadGateway())
			.andExpect(content().string(containsString("installation connection " + connection.name().value())))
			.andExpect(content().string(containsString(says)));

		assertThat(reloaded().status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(reloaded().lastCheck().detail()).isEqualTo(outcome.name());
	}

	@Test
	void aSecondaryRateLimitWhereTheTokenIsMintedIsARateLimitAndTheConnectionStaysAvailable() throws Exception {
		String secret = cloneSecret();
		// GitHub's secondary rate limits may answer 403 with neither Retry-After nor X-RateLimit-Remaining: 0
		app.server().stubFor(post(urlPathEqualTo(app.apiPath("/app/installations/" + installation + "/access_tokens")))
			.atPriority(1)
			.willReturn(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "4990")
				.withBody("{\"message\": \"You have exceeded a secondary rate limit. Please wait a few minutes before "
						+ "you try again.\"}")));

		mvc.perform(infoRefs(secret))
			.andExpect(status().isBadGateway())
			.andExpect(content().string(containsString("rate limit for this connection is spent")));

		assertThat(reloaded().status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded().lastCheck().detail()).isEqualTo(CheckOutcome.RATE_LIMITED.name());
	}

	@Test
	void anInstallationFoundGoneAfterUpdateAuthorizationMovedTheConnectionOntoAnotherLeavesItAvailable() {
		ConnectionCredentials readBefore = connections.credentialsForCheck(caller, connection.id());
		long other = installation + 1;
		installations.keep(new GitHubInstallations.Installation(other, "octo-org", "Organization", "all", false, false,
				null), Instant.now());
		// Update authorization, while a read through the first installation was on its way
		connections.completeHandshake(caller, connection.id(), HandshakeKind.UPDATE_AUTHORIZATION,
				new Connection.ProviderAccount("octo-fake", "Octo Fake", "https://github.com/octo-fake"),
				new ProviderTokens("ghu_renewed", "ghr_renewed", Instant.now().plusSeconds(28_800)), other);

		connections.recordCheck(readBefore, CheckOutcome.INSTALLATION_DELETED, CheckTrigger.REPOSITORY_READ, "reader");

		assertThat(reloaded().status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded().installationId()).isEqualTo(other);
	}

	/**
	 * GitHub refusing the app's own credentials where it mints the installation's token (a wrong app id or key, a
	 * clock off) is the operator's to mend: a warning that says where to look; the connection stays as it is.
	 */
	@Test
	void theAppsCredentialsRefusedWhereTheTokenIsMintedAreAWarningToTheOperator(CapturedOutput output)
			throws Exception {
		checkWithTokensMinted(aResponse().withStatus(401)
			.withBody("{\"message\": \"A JSON web token could not be decoded\"}"));

		assertThat(reloaded().status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(LogLines.containing(output, "GitHub refused the GitHub App's credentials minting a token for "
				+ connection.arn() + " (installation " + installation + "): check console.providers.github.app.id"))
			.singleElement()
			.satisfies((line) -> assertThat(LogLines.levelOf(line)).isEqualTo("WARN"));
	}

	@Test
	void anInstallationGitHubNoLongerKnowsPutsTheConnectionInErrorAtItsCheck() throws Exception {
		checkWithTokensMinted(aResponse().withStatus(404).withBody("{\"message\": \"Not Found\"}"));

		assertThat(reloaded().status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(reloaded().lastCheck().detail()).isEqualTo(CheckOutcome.INSTALLATION_DELETED.name());
	}


	/** Check connection, GitHub answering {@code minted} where the installation's token is minted. */
	private void checkWithTokensMinted(ResponseDefinitionBuilder minted) throws Exception {
		app.server().stubFor(post(urlPathEqualTo(app.apiPath("/app/installations/" + installation + "/access_tokens")))
			.atPriority(1)
			.willReturn(minted));
		mvc.perform(MockMvcRequestBuilders.post("/connections/{id}/check", connection.id().value())
			.with(user(testAccounts.principal(caller)))
			.with(csrf())).andExpect(status().isFound());
	}

	private ResultActions bind(Caller who, Connection pending, long installation)
			throws Exception {
		return mvc.perform(MockMvcRequestBuilders.post("/connections/{id}/installation", pending.id().value())
			.param("installation", String.valueOf(installation))
			.with(user(testAccounts.principal(who)))
			.with(csrf()));
	}

	private static Flash flashOf(ResultActions result) {
		return (Flash) result.andReturn().getFlashMap().get(Flash.ATTRIBUTE);
	}

	@Test
	void anAdministratorBindsAPendingConnectionToAnInstallationTheAccountUsesAndItReadsThroughIt() throws Exception {
		Connection pending = testConnections.github(caller, "us-west-2", "app-bound");
		mvc.perform(MockMvcRequestBuilders.get("/connections/{id}", pending.id().value())
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"bind-installation-" + installation + "\"")));

		bind(caller, pending, installation).andExpect(status().isFound())
			.andExpect(flash().attribute("flash", new Flash("success", "flash.installation.bound", "app-bound")));

		Connection bound = connections.get(caller, pending.id());
		assertThat(bound.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(bound.installationId()).isEqualTo(installation);
		assertThat(bound.providerAccount().login()).isEqualTo("octo-org");
		mvc.perform(MockMvcRequestBuilders.get("/connections/{id}/repositories", pending.id().value())
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("octo-org/widgets")));
		mvc.perform(MockMvcRequestBuilders.post("/connections/{id}/check", pending.id().value())
			.with(user(testAccounts.principal(caller)))
			.with(csrf())).andExpect(flash().attribute("flash", new Flash("success", "flash.check.OK", "app-bound")));
		assertThat(connections.get(caller, pending.id()).lastCheck().ok()).isTrue();
	}

	@Test
	void bindingIsRefusedForAnotherAccountsInstallationASuspendedOneAndReadOnlyUsers() throws Exception {
		Caller stranger = testAccounts.newAdmin();
		Connection theirs = testConnections.github(stranger, "us-west-2", "not-theirs");
		Caller reader = testAccounts.newUser(caller.accountId(), Role.READ_ONLY);
		Connection pending = testConnections.github(caller, "us-west-2", "app-unbound");

		assertThat(flashOf(bind(stranger, theirs, installation)).code()).isEqualTo("flash.installation.refused");
		Flash readersRefusal = flashOf(bind(reader, pending, installation));
		assertThat(readersRefusal.code()).isEqualTo("flash.installation.refused");
		assertThat(readersRefusal.argument()).as("the role, not the installation, is why")
			.contains("bind connections to installations");
		installations.suspended(installation, Instant.now());
		Flash suspended = flashOf(bind(caller, pending, installation));
		assertThat(suspended.code()).isEqualTo("flash.installation.refused");
		assertThat(suspended.argument()).contains("suspended");
		Flash none = flashOf(mvc.perform(MockMvcRequestBuilders.post("/connections/{id}/installation", pending.id().value())
			.param("installation", "")
			.with(user(testAccounts.principal(caller)))
			.with(csrf())));
		assertThat(none.argument()).isEqualTo("Choose one of the installations the list offers.");

		assertThat(connections.get(stranger, theirs.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(connections.get(caller, pending.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void aConnectionOfAnotherProviderIsNotBoundToTheAppsInstallation() throws Exception {
		Connection bitbucket = testConnections.create(caller, "us-west-2", "bb-unbound", ProviderType.BITBUCKET);

		Flash refused = flashOf(bind(caller, bitbucket, installation));

		assertThat(refused.code()).isEqualTo("flash.installation.refused");
		assertThat(refused.argument()).contains("only a GitHub connection pending its handshake");
		Connection unchanged = connections.get(caller, bitbucket.id());
		assertThat(unchanged.status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(unchanged.installationId()).isNull();
	}

}
