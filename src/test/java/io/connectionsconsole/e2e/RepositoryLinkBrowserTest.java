package io.connectionsconsole.e2e;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.e2e.pages.ConnectionDetailsPage;
import io.connectionsconsole.e2e.pages.DeleteDialog;
import io.connectionsconsole.e2e.pages.LinkPage;
import io.connectionsconsole.support.FakeProviders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repository links in headless Chromium: a repository linked from the details page, a token created with its secret
 * shown once, the clone URL copied, a token revoked, and the guarded delete of a connection with links, which takes the
 * connection's name typed.
 */
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class RepositoryLinkBrowserTest extends BrowserTestBase {

	private final FakeProviders fake = FakeProviders.get();

	@BeforeEach
	void resetProviders() {
		fake.reset();
	}

	@Test
	void aLinkedRepositoryGetsATokenShownOnceItsCloneUrlCopiedAndARevocation() {
		Caller caller = testAccounts.newAdmin();
		fake.github().branches("octo/web", List.of("main"));
		ConnectionDetailsPage details = availableThroughTheBrowser(caller, "linked-gh").viewDetails("linked-gh");

		LinkPage link = details.linkRepository("octo/web");
		assertThat(link.heading()).isEqualTo("octo/web");
		assertThat(link.flash()).contains("Repository octo/web is linked");
		assertThat(link.cloneUrl()).startsWith(baseUrl() + "/git-http/" + caller.accountId().value() + "/us-east-1/")
			.endsWith("/octo/web.git");

		long history = link.historyLength();
		link = link.createToken("ci-runner", 30);
		assertThat(link.newSecret()).matches("ccgit_[A-Za-z0-9_-]{43}");
		// the secret is what is read first, and the page it came back to takes its own place in the history
		assertThat(link.focusedOn("new-token-heading")).isEqualTo("new-token-heading");
		assertThat(link.historyLength()).isEqualTo(history);
		assertThat(link.tokens()).singleElement().asString().startsWith("ci-runner | ").contains("| Active |");
		assertThat(link.copyCloneUrl()).isEqualTo("Copied");
		assertThat(clipboard()).isEqualTo(link.cloneUrl());
		assertNoAccessibilityViolations("repository link");
		assertNoCspViolations();
		// an administrator's top bar and the token's form reflow in a narrow window
		assertThat(pastANarrowWindow(".top-nav *, form.filter *")).isEmpty();

		driver.navigate().refresh();
		link = LinkPage.at(driver);
		assertThat(link.newSecret()).isNull();
		// a name already taken: told at the field, which has the focus
		assertThat(link.createTokenRefused("ci-runner")).containsExactly(
				"This link has a live token named ci-runner already: choose another name, or revoke that token first.",
				"token-name");
		link = LinkPage.at(driver);
		// Revoke asks first, naming the token, with the focus on Cancel
		assertThat(link.revokeAsked("ci-runner")).contains("Revoke token ci-runner")
			.contains("Clones and fetches of octo/web with token ci-runner are refused from then on");
		assertThat(link.focusedOn("revoke-cancel")).isEqualTo("revoke-cancel");
		assertThat(link.tokens()).singleElement().asString().contains("| Active |");
		link = link.confirmRevocation();
		assertThat(link.flash()).contains("Token ci-runner was revoked");
		assertThat(link.tokens()).singleElement().asString().contains("| Revoked |");
		assertThat(link.historyLength()).isEqualTo(history);

		// Back goes to the page before the link's, the connection's
		driver.navigate().back();
		assertThat(ConnectionDetailsPage.at(driver).usedBy()).containsExactly("octo/web");
		driver.navigate().forward();
		assertThat(LinkPage.at(driver).breadcrumbToConnection().usedBy()).containsExactly("octo/web");
	}

	@Test
	void aConnectionWithLinksIsDeletedWithThemOnlyOnceItsNameIsTyped() {
		Caller caller = testAccounts.newAdmin();
		fake.github().branches("octo/api", List.of("main"));
		availableThroughTheBrowser(caller, "doomed-gh").viewDetails("doomed-gh").linkRepository("octo/api");

		driver.get(baseUrl() + "/connections?region=us-east-1");
		DeleteDialog dialog = ConnectedAccountsPage.at(driver).select("doomed-gh").delete();
		assertThat(dialog.text()).contains("Used by 1 repository link: octo/api.")
			.contains("Delete the connection and its link");
		assertThat(dialog.type("delete").deleteEnabled()).isFalse();
		ConnectedAccountsPage list = dialog.type("doomed-gh").confirm();

		assertThat(list.names()).doesNotContain("doomed-gh");
		assertThat(list.flash()).contains("Connection doomed-gh was deleted, with the repository links that used it.");
	}

}
