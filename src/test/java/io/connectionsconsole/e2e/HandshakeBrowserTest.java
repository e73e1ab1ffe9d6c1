package io.connectionsconsole.e2e;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.support.FakeProviders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake in headless Chromium through the page's own Actions menu: the form post, the redirect to the
 * fake provider's page on another origin (which a content security policy with {@code form-action} would
 * block), Authorize or Cancel there, and the flash back on Connected accounts.
 */
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class HandshakeBrowserTest extends BrowserTestBase {

	private final FakeProviders fake = FakeProviders.get();

	@BeforeEach
	void resetProviders() {
		fake.reset();
	}

	@Test
	void aGitHubHandshakeMakesTheConnectionAvailableAndARevokedTokenIsFoundByACheckAndRepairedByUpdatingIt() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.github(caller, "us-east-1", "browser-github");

		ConnectedAccountsPage page = signIn(caller).select("browser-github")
			.completeHandshake(fake.baseUrl() + "/github/")
			.authorize();

		assertThat(page.flash()).contains("Connection browser-github is available");
		assertThat(driver.getCurrentUrl()).endsWith("/connections?region=us-east-1");
		assertThat(page.status("browser-github")).isEqualTo("Available");
		assertThat(page.nameLink("browser-github").getAttribute("href")).contains(fake.github().login());
		screenshot("connected-accounts-available");
		assertNoAccessibilityViolations("Connected accounts with an available connection");

		fake.github().revokeAll();
		page = page.select("browser-github").checkConnection();
		assertThat(page.flash()).contains("rejected the token of browser-github (HTTP 401)");
		assertThat(page.status("browser-github")).isEqualTo("Error");
		assertThat(page.lastChecked("browser-github")).contains("Last check failed: Token revoked or expired (HTTP 401)");
		screenshot("connected-accounts-error");

		assertThat(page.select("browser-github").enabledActions()).doesNotContain("handshake").contains("reauthorize");
		page = page.updateAuthorization(fake.baseUrl() + "/github/").authorize();
		assertThat(page.status("browser-github")).isEqualTo("Available");
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertNoCspViolations();
	}

	@Test
	void aBitbucketHandshakeMakesTheConnectionAvailableAndAnOutageLeavesItSo() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.create(caller, "us-east-1", "browser-bitbucket", ProviderType.BITBUCKET);

		ConnectedAccountsPage page = signIn(caller).select("browser-bitbucket")
			.completeHandshake(fake.baseUrl() + "/bitbucket/")
			.authorize();
		assertThat(page.flash()).contains("Connection browser-bitbucket is available");
		assertThat(page.status("browser-bitbucket")).isEqualTo("Available");

		fake.bitbucket().goDown();
		page = page.select("browser-bitbucket").checkConnection();
		assertThat(page.flash()).contains("could not be reached to check browser-bitbucket");
		assertThat(page.status("browser-bitbucket")).isEqualTo("Available");
		assertThat(page.lastChecked("browser-bitbucket")).contains("Last check failed: Provider unreachable");
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void aUserWhoCancelsAtTheProviderIsToldSoAndTheConnectionStaysPending() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.github(caller, "us-east-1", "browser-cancel");

		ConnectedAccountsPage page = signIn(caller).select("browser-cancel")
			.completeHandshake(fake.baseUrl() + "/github/")
			.cancel();

		assertThat(page.flash()).contains("The handshake of browser-cancel was cancelled at the provider");
		assertThat(page.status("browser-cancel")).isEqualTo("Pending handshake");
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

}
