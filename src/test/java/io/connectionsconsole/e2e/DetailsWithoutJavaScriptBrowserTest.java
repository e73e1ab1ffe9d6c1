package io.connectionsconsole.e2e;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ListPreferencesService;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.e2e.pages.ConnectionDetailsPage;
import io.connectionsconsole.e2e.pages.HandshakeInvitationPage;
import io.connectionsconsole.e2e.pages.LoginPage;
import io.connectionsconsole.e2e.pages.PreferencesDialog;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The details page, its repositories, the table's preferences, Update authorization and a shared handshake link in a
 * Chromium that runs no script: plain links, forms and redirects do it all.
 */
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class DetailsWithoutJavaScriptBrowserTest extends BrowserTestBase {

	@Autowired
	ListPreferencesService listPreferences;

	private final FakeProviders fake = FakeProviders.get();

	@Override
	boolean javascript() {
		return false;
	}

	@BeforeEach
	void resetProviders() {
		fake.reset();
	}

	private String github() {
		return fake.baseUrl() + "/github/";
	}

	@Test
	void theDetailsShowTheArnAsTextAndTheRepositoriesThroughPlainForms() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.github(caller, "us-east-1", "plain-details");
		fake.github().repositories(IntStream.rangeClosed(1, 12).mapToObj("octo-fake/plain-%02d"::formatted).toList(),
				false);
		fake.github().branches("octo-fake/plain-11", List.of("main", "next"));
		ConnectedAccountsPage list = signIn(caller).select("plain-details").completeHandshake(github()).authorize();

		ConnectionDetailsPage details = list.viewDetails("plain-details");
		assertThat(details.arn()).isEqualTo(connection.arn().value());
		assertThat(details.copyArnButton().isDisplayed()).as("the copy button needs script").isFalse();
		assertThat(details.status()).isEqualTo("Available");

		details = details.showRepositories();
		assertThat(details.repositories()).hasSize(10).startsWith("octo-fake/plain-01");
		details = details.nextRepositories();
		assertThat(details.repositories()).containsExactly("octo-fake/plain-11", "octo-fake/plain-12");
		assertThat(details.branchesOf("octo-fake/plain-11")).containsExactly("main", "next");
		assertThat(details.chosenRepository()).isEqualTo("octo-fake/plain-11");
		details = details.filterRepositories("plain-0");
		assertThat(details.repositoryMatches()).isEqualTo("9 matches");
		screenshot("connection-details-without-javascript");
		assertNoAccessibilityViolations("Connection details without JavaScript");
	}

	@Test
	void preferencesAreAPageOfTheirOwn() {
		Caller caller = testAccounts.newAdmin();
		for (int i = 1; i <= 10; i++) {
			testConnections.github(caller, "us-east-1", "plain-%02d".formatted(i));
		}

		PreferencesDialog preferences = signIn(caller).openPreferences();
		assertThat(preferences.isModal()).isFalse();
		ConnectedAccountsPage page = preferences.pageSize(50).column("created", false).confirm();

		assertThat(page.names()).hasSize(10);
		assertThat(page.columns()).doesNotContain("Created").contains("Status");
		assertThat(listPreferences.of(caller).pageSize()).isEqualTo(50);
	}

	@Test
	void updateAuthorizationAndCheckConnectionWorkFromTheActionsList() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "plain-reauth");
		ConnectedAccountsPage list = signIn(caller).select("plain-reauth").completeHandshake(github()).authorize();
		fake.github().user("someone-else", "Someone Else");

		list = list.select("plain-reauth").updateAuthorization(github()).authorize();
		assertThat(list.flash()).contains("Connection plain-reauth is available");

		ConnectionDetailsPage details = list.viewDetails("plain-reauth").checkConnection();
		assertThat(details.flash()).contains("Connection plain-reauth works");
		assertThat(details.providerLogin()).isEqualTo("someone-else");
		assertThat(details.history().get(0)).contains("Check connection").contains("Passed");
	}

	@Test
	void aSharedHandshakeLinkWorksWithoutScriptToo() {
		Caller owner = testAccounts.newAdmin();
		Caller colleague = testAccounts.newUser(owner.accountId(), Role.ADMIN);
		Connection connection = testConnections.github(owner, "us-east-1", "plain-link");

		String link = signIn(owner).select("plain-link").copyHandshakeLink().link();
		LoginPage.signOutFrom(driver);
		driver.get(link);
		LoginPage.at(driver).submit(colleague.username(), TestAccounts.PASSWORD);
		HandshakeInvitationPage invitation = HandshakeInvitationPage.at(driver);
		assertThat(invitation.sharedBy()).isEqualTo(owner.username());

		invitation.continueToProvider(github()).authorize();

		assertThat(connections.get(owner, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

}
