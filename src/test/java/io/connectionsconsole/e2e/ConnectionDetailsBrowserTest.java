package io.connectionsconsole.e2e;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tag;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.e2e.pages.ConnectionDetailsPage;
import io.connectionsconsole.e2e.pages.HandshakeInvitationPage;
import io.connectionsconsole.e2e.pages.HandshakeLinkCreatedPage;
import io.connectionsconsole.e2e.pages.LoginPage;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's details page in headless Chromium with JavaScript: opened from the row and from the Actions menu,
 * the ARN copied, repositories and branches read from the fake providers in place, the health history, Update
 * authorization, and a handshake link completed by another administrator after signing in.
 */
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class ConnectionDetailsBrowserTest extends BrowserTestBase {

	private final FakeProviders fake = FakeProviders.get();

	@BeforeEach
	void resetProviders() {
		fake.reset();
	}

	private String github() {
		return fake.baseUrl() + "/github/";
	}

	@Test
	void theDetailsOpenFromTheRowAndFromTheActionsMenuAndTheArnIsCopied() {
		Caller caller = testAccounts.newAdmin();
		Connection connection = connections.create(caller, regions.require("eu-west-1"), ConnectionName.of("detailed"),
				ProviderType.GITHUB, new Tags(List.of(new Tag("team", "web"))));

		ConnectionDetailsPage details = signIn(caller).switchRegion("eu-west-1").viewDetails("detailed");

		assertThat(driver.getCurrentUrl()).endsWith("/connections/" + connection.id().value());
		assertThat(details.heading()).isEqualTo("detailed");
		assertThat(details.arn()).isEqualTo(connection.arn().value());
		assertThat(details.provider()).isEqualTo("GitHub");
		assertThat(details.status()).isEqualTo("Pending handshake");
		assertThat(details.statusReason()).contains("Waiting for the handshake with GitHub");
		assertThat(details.lastChecked()).isEqualTo("Never checked");
		assertThat(details.tags()).contains("team").contains("web");
		assertThat(details.offersRepositories()).isFalse();
		assertThat(details.copyArnButton().isDisplayed()).isTrue();
		assertThat(details.copyArn()).isEqualTo("Copied");
		assertThat(clipboard()).isEqualTo(connection.arn().value());
		screenshot("connection-details-pending");
		assertNoAccessibilityViolations("Connection details, pending");

		ConnectedAccountsPage list = details.breadcrumbToList();
		assertThat(list.region()).isEqualTo("eu-west-1");
		details = list.select("detailed").viewDetailsFromActions();
		assertThat(details.heading()).isEqualTo("detailed");
		assertNoCspViolations();
	}

	@Test
	void anAvailableConnectionListsItsRepositoriesPageByPageAndTheBranchesOfOne() {
		Caller caller = testAccounts.newAdmin();
		fake.github().repositories(IntStream.rangeClosed(1, 25).mapToObj("octo-fake/repo-%02d"::formatted).toList(),
				true);
		fake.github().branches("octo-fake/repo-12", List.of("main", "release-1", "feature-x"));

		ConnectionDetailsPage details = availableThroughTheBrowser(caller, "with-repos").viewDetails("with-repos");
		assertThat(details.status()).isEqualTo("Available");
		assertThat(details.providerLogin()).isEqualTo(fake.github().login());
		assertThat(details.providerLink()).isEqualTo("https://github.com/" + fake.github().login());

		details = details.showRepositories();
		// the button that asked has gone with the part it was in: the focus is on the section's heading, not lost,
		// and what the section shows is said
		assertThat(details.focused()).isEqualTo("repositories-heading");
		assertThat(details.announced("Repositories (25). Page 1 of 3")).isEqualTo("Repositories (25). Page 1 of 3");
		assertThat(details.repositoryCount()).isEqualTo("(25)");
		assertThat(details.repositories()).hasSize(10).startsWith("octo-fake/repo-01");
		assertThat(details.repositoryPage()).isEqualTo("Page 1 of 3");
		details = details.nextRepositories();
		assertThat(details.repositories()).startsWith("octo-fake/repo-11").hasSize(10);
		assertThat(details.branchesOf("octo-fake/repo-12")).containsExactly("main", "release-1", "feature-x");
		assertThat(details.announced("Branches of octo-fake/repo-12")).isEqualTo("Branches of octo-fake/repo-12");
		assertThat(details.chosenRepository()).isEqualTo("octo-fake/repo-12");
		screenshot("connection-details-repositories");
		assertNoAccessibilityViolations("Connection details with repositories and branches");

		details = details.filterRepositories("repo-2");
		assertThat(details.repositoryMatches()).isEqualTo("6 matches");
		assertThat(details.repositories()).containsExactly("octo-fake/repo-20", "octo-fake/repo-21",
				"octo-fake/repo-22", "octo-fake/repo-23", "octo-fake/repo-24", "octo-fake/repo-25");

		driver.navigate().refresh();
		details = ConnectionDetailsPage.at(driver);
		// Reads that found the token working, as the handshake did, add no row to the health history.
		assertThat(details.history()).first().asString().contains("Handshake").contains("Passed");
		assertThat(details.history()).noneMatch((row) -> row.contains("Repository read"));
		assertNoCspViolations();
	}

	@Test
	void aRepositoryReadThatFindsTheTokenRevokedShowsTheErrorAndUpdateAuthorizationRestoresIt() {
		Caller caller = testAccounts.newAdmin();
		ConnectionDetailsPage details = availableThroughTheBrowser(caller, "to-repair").viewDetails("to-repair");
		fake.github().revokeAll();
		fake.github().user("octo-admin", "Octo Admin");

		details = details.showRepositories();
		assertThat(details.repositoriesProblem()).contains("GitHub rejected the connection's token (HTTP 401)");
		assertThat(details.status()).isEqualTo("Error");
		assertThat(details.statusReason()).contains("Choose Update authorization");
		assertThat(details.actionEnabled("reauthorize")).isTrue();
		assertThat(details.actionEnabled("handshake")).isFalse();
		screenshot("connection-details-error");
		assertNoAccessibilityViolations("Connection details in error");

		// chosen on the details page, the handshake ends there
		details = details.updateAuthorization(github()).authorizeBackToDetails();
		assertThat(details.flash()).contains("Connection to-repair is available");
		assertThat(details.status()).isEqualTo("Available");
		assertThat(details.providerLogin()).isEqualTo("octo-admin");
		assertThat(details.history()).first().asString().contains("Handshake").contains("Passed");
		assertThat(details.history()).anySatisfy((row) -> assertThat(row).contains("Repository read")
			.contains("Failed")
			.contains("Token revoked or expired (HTTP 401)"));
	}

	@Test
	void checkConnectionOnTheDetailsPageComesBackWithTheCheckInTheHistory() {
		Caller caller = testAccounts.newAdmin();
		ConnectionDetailsPage details = availableThroughTheBrowser(caller, "checked-here").viewDetails("checked-here");
		fake.github().goDown();

		details = details.checkConnection();

		assertThat(details.flash()).contains("could not be reached to check checked-here");
		assertThat(details.heading()).isEqualTo("checked-here");
		assertThat(details.status()).isEqualTo("Available");
		assertThat(details.history().get(0)).contains("Check connection").contains("Failed")
			.contains("Provider unreachable").contains(caller.username());
	}

	@Test
	void anotherAdministratorOpensASharedLinkSignsInAndCompletesTheHandshake() {
		Caller owner = testAccounts.newAdmin();
		Caller colleague = testAccounts.newUser(owner.accountId(), Role.ADMIN);
		Connection connection = testConnections.github(owner, "us-east-1", "shared-link");
		fake.github().user("org-owner", "Org Owner");

		HandshakeLinkCreatedPage created = signIn(owner).select("shared-link").copyHandshakeLink();
		String link = created.link();
		assertThat(link).startsWith(baseUrl() + "/connections/handshake/link/");
		assertThat(created.copy()).isEqualTo("Copied");
		assertThat(clipboard()).isEqualTo(link);
		screenshot("handshake-link-created");
		assertNoAccessibilityViolations("Handshake link made");

		LoginPage.signOutFrom(driver);
		driver.get(link);
		LoginPage.at(driver).submit(colleague.username(), TestAccounts.PASSWORD);
		HandshakeInvitationPage invitation = HandshakeInvitationPage.at(driver);
		assertThat(driver.getCurrentUrl()).doesNotContain(link.substring(link.lastIndexOf('/') + 1));
		assertThat(invitation.connection()).isEqualTo("shared-link");
		assertThat(invitation.sharedBy()).isEqualTo(owner.username());
		screenshot("handshake-link-invitation");
		assertNoAccessibilityViolations("Handshake link opened");

		ConnectedAccountsPage list = invitation.continueToProvider(github()).authorize();
		assertThat(list.flash()).contains("Connection shared-link is available");
		assertThat(connections.get(owner, connection.id()).providerAccount().login()).isEqualTo("org-owner");

		driver.get(link);
		invitation = HandshakeInvitationPage.at(driver);
		assertThat(invitation.invites()).isFalse();
		assertThat(invitation.refusal()).contains("was used already");
		screenshot("handshake-link-used");
		assertNoAccessibilityViolations("Handshake link refused");
		assertNoCspViolations();
	}

	@Test
	void aReadOnlyUserOpeningASharedLinkIsRefusedAndNothingChanges() {
		Caller owner = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(owner.accountId(), Role.READ_ONLY);
		Connection connection = testConnections.github(owner, "us-east-1", "not-for-readers");
		String link = signIn(owner).select("not-for-readers").copyHandshakeLink().link();
		driver.manage().deleteAllCookies();

		driver.get(link);
		LoginPage.at(driver).submit(reader.username(), TestAccounts.PASSWORD);
		HandshakeInvitationPage refused = HandshakeInvitationPage.at(driver);

		assertThat(refused.refusal()).contains("Your role is read-only").contains("not-for-readers");
		assertThat(connections.get(owner, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

}
