package io.connectionsconsole.e2e;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.e2e.pages.ConnectionDetailsPage;
import io.connectionsconsole.e2e.pages.InstallationPage;
import io.connectionsconsole.support.FakeGitHubApp;
import io.connectionsconsole.support.FakeProviders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub App mode in a real browser: authorize the app at GitHub, install it on an organization from the choice
 * page and come back through the Setup URL to an available connection; then bind a second connection of the account
 * to that installation from its details page, without a handshake.
 */
@ContextConfiguration(initializers = FakeGitHubApp.Initializer.class)
class GitHubAppBrowserTest extends BrowserTestBase {

	private static final long MINE = 81_001;

	private static final long ORG = 81_002;

	private final FakeGitHubApp app = FakeGitHubApp.get();

	@BeforeEach
	void gitHubWithTheAppInstalledOnTheUsersAccountOnly() {
		FakeProviders.get().reset();
		String mine = """
				{"id": %d, "account": {"login": "octo-fake", "type": "User"}, "repository_selection": "all"}"""
			.formatted(MINE);
		String org = """
				{"id": %d, "account": {"login": "octo-org", "type": "Organization"}, "repository_selection": "selected"}"""
			.formatted(ORG);
		app.server().stubFor(get(urlPathEqualTo(app.apiPath("/user/installations"))).inScenario("install")
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson("{\"total_count\": 1, \"installations\": [" + mine + "]}")));
		app.server().stubFor(get(urlPathEqualTo(app.apiPath("/user/installations"))).inScenario("install")
			.whenScenarioStateIs("installed")
			.willReturn(okJson("{\"total_count\": 2, \"installations\": [" + mine + "," + org + "]}")));
		app.server().stubFor(get(urlPathEqualTo("/github/apps/" + FakeGitHubApp.SLUG + "/installations/new"))
			.inScenario("install")
			.willSetStateTo("installed")
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/html; charset=utf-8")
				.withTransformers("response-template")
				.withBody("""
						<!DOCTYPE html><html lang="en"><head><title>Install</title></head><body>
						<h1>Install Connections Console</h1>
						<a id="install" href="%s/connections/handshake/setup/github?installation_id=%d&amp;\
						setup_action=install&amp;state={{request.query.state}}">Install on octo-org</a>
						</body></html>""".formatted(baseUrl(), ORG))));
	}

	@Test
	void theUserAuthorizesTheAppInstallsItOnAnOrganizationAndTheConnectionIsAvailable() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.github(caller, "us-east-1", "app-browser");

		InstallationPage choice = signIn(caller).select("app-browser")
			.completeHandshake(FakeProviders.get().baseUrl() + "/github/")
			.authorizeApp();
		assertThat(choice.heading()).isEqualTo("app-browser: choose a GitHub installation");
		assertThat(choice.choices()).containsExactly("Use installation octo-fake");
		assertNoAccessibilityViolations("Choose a GitHub installation");
		screenshot("github-app-installation-choice");

		ConnectedAccountsPage page = choice.installOnAnotherAccount(app.baseUrl()).install();
		assertThat(page.flash()).contains("Connection app-browser is available");
		assertThat(page.status("app-browser")).isEqualTo("Available");
		assertThat(connections.get(caller, connection.id()).installationId()).isEqualTo(ORG);

		ConnectionDetailsPage details = page.viewDetails("app-browser");
		assertThat(details.installation()).isEqualTo("octo-org, Selected repositories");
		assertNoCspViolations();
	}

	@Test
	void anAdministratorBindsASecondConnectionToTheInstallationTheFirstReadsThrough() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "app-first");
		Connection second = testConnections.github(caller, "us-east-1", "app-second");

		ConnectedAccountsPage page = signIn(caller).select("app-first")
			.completeHandshake(FakeProviders.get().baseUrl() + "/github/")
			.authorizeApp()
			.use("octo-fake");
		assertThat(page.status("app-first")).isEqualTo("Available");

		ConnectionDetailsPage details = page.viewDetails("app-second").useInstallation("octo-fake");
		assertThat(details.flash()).contains("Connection app-second is available");
		assertThat(details.status()).isEqualTo("Available");
		assertThat(details.installation()).isEqualTo("octo-fake, All repositories");
		assertThat(connections.get(caller, second.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(connections.get(caller, second.id()).installationId()).isEqualTo(MINE);
	}

}
