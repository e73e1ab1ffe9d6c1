package io.connectionsconsole.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionQuery;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.e2e.pages.AddConnectionPage;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.e2e.pages.ConnectionDetailsPage;
import io.connectionsconsole.e2e.pages.DeleteDialog;
import io.connectionsconsole.e2e.pages.LoginPage;
import io.connectionsconsole.e2e.pages.PreferencesDialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.titleIs;

/** The Connected accounts page in headless Chromium, with JavaScript on (htmx swaps in place). */
class ConnectedAccountsBrowserTest extends BrowserTestBase {

	@Autowired
	AccountRepository accounts;

	@Test
	void signingInShowsTheDefaultRegionAndASwitchedRegionIsRemembered() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "eu-west-1", "in-ireland");

		ConnectedAccountsPage page = signIn(caller);
		assertThat(page.region()).isEqualTo("us-east-1");
		assertThat(page.isEmptyState()).isTrue();

		page = page.switchRegion("eu-west-1");
		assertThat(driver.getCurrentUrl()).contains("region=eu-west-1");
		assertThat(page.names()).containsExactly("in-ireland");

		LoginPage login = page.signOut();
		assertThat(login.showsSignedOut()).isTrue();
		page = login.signIn(caller.username(), io.connectionsconsole.support.TestAccounts.PASSWORD);
		assertThat(page.region()).isEqualTo("eu-west-1");
	}

	/**
	 * A tab left open while someone signs in again in another (here as another user): its next page shown in place
	 * brings the top bar of the session now signed in, with who that is and its CSRF token, so that the tab's next
	 * form is posted rather than refused as expired.
	 */
	@Test
	void aTabOpenWhileSomeoneSignsInElsewhereTakesTheNewSessionWithItsNextPage() {
		Caller before = testAccounts.newAdmin();
		Caller after = testAccounts.newAdmin();
		ConnectedAccountsPage page = signIn(before);

		signInAgainInAnotherTab(after);

		AddConnectionPage form = page.addConnection();
		assertThat(driver.findElement(By.cssSelector(".user-menu span")).getText()).contains(after.username());
		page = form.name("from-the-old-tab").provider("GitHub").submit();
		assertThat(page.names()).containsExactly("from-the-old-tab");
		assertThat(connections.list(after, regions.require("us-east-1"), ConnectionQuery.all())).hasSize(1);
		assertThat(connections.list(before, regions.require("us-east-1"), ConnectionQuery.all())).isEmpty();
	}

	/**
	 * The same tab, whose user signed in again elsewhere, deleting before any page was shown in place: the dialog's
	 * form, rendered since, sends its own token rather than the one the tab was loaded with.
	 */
	@Test
	void aDialogOpenedAfterSigningInAgainElsewherePostsWithItsOwnToken() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "stale-keep");
		testConnections.github(caller, "us-east-1", "stale-doomed");
		ConnectedAccountsPage page = signIn(caller);

		signInAgainInAnotherTab(caller);

		page = page.select("stale-doomed").delete().type("delete").confirm();

		assertThat(page.flash()).isEqualTo("Connection stale-doomed was deleted.");
		assertThat(page.names()).containsExactly("stale-keep");
	}

	/** Signs out and in again, as {@code as}, in a tab of its own, and comes back to this one. */
	private void signInAgainInAnotherTab(Caller as) {
		String tab = driver.getWindowHandle();
		driver.switchTo().newWindow(WindowType.TAB);
		LoginPage.open(driver, baseUrl());
		LoginPage.signOutFrom(driver).signIn(as.username(), io.connectionsconsole.support.TestAccounts.PASSWORD);
		driver.close();
		driver.switchTo().window(tab);
	}

	/**
	 * A sign-in refused: a screen reader hears why once the page has loaded (its alert was there before, and the focus
	 * goes past it to the user name), and both fields are tied to it.
	 */
	@Test
	void aRefusedSignInIsSaidAndTiedToTheFields() {
		Caller caller = testAccounts.newAdmin();

		LoginPage login = LoginPage.open(driver, baseUrl()).failToSignIn(caller.username(), "not-the-password");

		assertThat(login.announced()).isEqualTo("The user name or password is not correct.");
		assertThat(login.fieldState("username")).isEqualTo("login-error, invalid=true");
		assertThat(login.fieldState("password")).isEqualTo("login-error, invalid=true");
	}

	/** The arrow keys change a closed select as they move: moving through the Regions doesn't leave the page. */
	@Test
	void aRegionChosenWithTheArrowKeysWaitsForEnter() {
		Caller caller = testAccounts.newAdmin();
		ConnectedAccountsPage page = signIn(caller);
		String before = driver.getCurrentUrl();

		assertThat(page.stayedAfterArrowDownInRegionSelector()).isTrue();
		assertThat(driver.getCurrentUrl()).isEqualTo(before);

		page = page.enterInRegionSelector();
		assertThat(page.region()).isNotEqualTo("us-east-1");
		assertThat(driver.getCurrentUrl()).contains("region=" + page.region());
	}

	@Test
	void addingAConnectionShowsItPendingWithAFlashOfferingTheHandshake() {
		Caller caller = testAccounts.newAdmin();

		ConnectedAccountsPage page = signIn(caller).addConnection()
			.name("my-github")
			.provider("GitHub")
			.tags("team=web")
			.submit();

		assertThat(page.flash()).contains("Connection my-github was added");
		assertThat(page.announced()).as("what a screen reader hears").contains("Connection my-github was added");
		assertThat(page.offersHandshakeInFlash()).isTrue();
		assertThat(page.names()).containsExactly("my-github");
		assertThat(page.status("my-github")).isEqualTo("Pending handshake");
		// a time in the browser's zone says which
		String zone = (String) ((JavascriptExecutor) driver).executeScript("return new Intl.DateTimeFormat(undefined, "
				+ "{ timeZoneName: 'short' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName').value");
		assertThat(driver.findElement(By.cssSelector("#row-my-github time")).getText()).endsWith(zone);
		assertThat(page.heading()).contains("(1)");
		assertThat(page.quotaUsage()).startsWith("1 of 10 connections used in this Region");
		screenshot("connected-accounts-after-create");
	}

	@Test
	void eachBrokenRuleIsShownInlineOnTheFormAndNothingIsStored() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "taken");
		AddConnectionPage form = signIn(caller).addConnection();

		form = form.name("ab").submitExpectingErrors();
		assertThat(form.error("name")).contains("4 to 32 characters long");
		assertThat(form.focusedFieldInError()).as("focus on the first field in error").isEqualTo("name");
		assertThat(form.error("providerType")).contains("Choose a provider");
		screenshot("add-connection-errors");
		assertNoAccessibilityViolations("Add connection with errors");

		form = form.name("fine-name").submitExpectingErrors();
		assertThat(form.error("providerType")).contains("Choose a provider");
		assertThat(form.focusedFieldInError()).as("the provider's first choice").isEqualTo("providerType-GITHUB");

		form = form.name("-bad.name").provider("Bitbucket").submitExpectingErrors();
		assertThat(form.error("name")).contains("letters, digits, hyphens");

		form = form.name("taken").provider("GitHub").submitExpectingErrors();
		assertThat(form.error("name")).contains("already exists in us-east-1");

		form = form.name("fine-name").provider("GitHub").tags("aws:owner=me").submitExpectingErrors();
		assertThat(form.error("tags")).contains("reserved");

		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isEqualTo(1);
	}

	@Test
	void atTheQuotaAddConnectionIsDisabledAndTheFormNamesTheQuota() {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 2);
		testConnections.github(caller, "us-east-1", "first");

		AddConnectionPage form = signIn(caller).addConnection();
		testConnections.github(caller, "us-east-1", "second");
		form = form.name("third").provider("GitHub").submitExpectingErrors();
		assertThat(form.formError()).contains("Connections per Region").contains("of 2 connections in us-east-1");

		ConnectedAccountsPage page = LoginPage.open(driver, baseUrl()).signIn(caller.username(),
				io.connectionsconsole.support.TestAccounts.PASSWORD);
		assertThat(page.quotaUsage()).startsWith("2 of 2 connections");
		assertThat(page.addButton().isEnabled()).isFalse();
		assertThat(page.quotaReachedMessage()).contains("quota of 2 connections")
			.contains("Delete a connection, or raise the quota under Service quotas");
		assertThat(driver.findElement(By.id("quota-open")).getAttribute("href")).isEqualTo(baseUrl() + "/settings/quotas");
		screenshot("connected-accounts-quota-reached");
		assertNoAccessibilityViolations("Connected accounts at quota");
	}

	@Test
	void filteringAndPaginatingUpdateTheTableInPlace() {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 20);
		for (int i = 1; i <= 12; i++) {
			testConnections.github(caller, "us-east-1", String.format("conn-%02d", i));
		}
		ConnectedAccountsPage page = signIn(caller);
		assertThat(page.names()).hasSize(10).startsWith("conn-01");

		page = page.goToPage(2);
		assertThat(page.names()).containsExactly("conn-11", "conn-12");
		screenshot("connected-accounts-page-2");

		page = page.filter("n-0");
		assertThat(page.names()).hasSize(9).allMatch((n) -> n.startsWith("conn-0"));
		assertThat(page.matches()).isEqualTo("9 matches");

		page = page.filter("zzz");
		assertThat(page.isEmptyState()).isTrue();
		assertThat(page.emptyStateText()).contains("No connection name matches \"zzz\"");
	}

	@Test
	void deletingAsksForTheWordDeleteInAModalDialog() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "keep-me");
		testConnections.github(caller, "us-east-1", "doomed");
		ConnectedAccountsPage page = signIn(caller).select("doomed");

		DeleteDialog dialog = page.delete();
		assertThat(dialog.isModal()).isTrue();
		assertThat(dialog.text()).contains("Delete doomed").contains("This cannot be undone");
		assertThat(dialog.deleteEnabled()).isFalse();
		dialog.type("delet");
		assertThat(dialog.deleteEnabled()).isFalse();
		dialog.type("delete");
		assertThat(dialog.deleteEnabled()).isTrue();
		screenshot("delete-dialog");
		assertNoAccessibilityViolations("Delete dialog");

		page = dialog.confirm();
		assertThat(page.flash()).isEqualTo("Connection doomed was deleted.");
		assertThat(page.names()).containsExactly("keep-me");
		assertThat(connections.list(caller, regions.require("us-east-1"), ConnectionQuery.all())).hasSize(1);
	}

	@Test
	void deletingFromAFilteredListComesBackToTheFilteredList() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "other-one");
		testConnections.github(caller, "us-east-1", "plain-keep");
		testConnections.github(caller, "us-east-1", "plain-doomed");
		ConnectedAccountsPage page = signIn(caller).filter("plain").select("plain-doomed");

		page = page.delete().type("delete").confirm();

		assertThat(page.flash()).isEqualTo("Connection plain-doomed was deleted.");
		assertThat(page.names()).containsExactly("plain-keep");
		assertThat(page.matches()).isEqualTo("1 match");
	}

	@Test
	void aDeleteRefusedInPlaceSaysWhyInThePage() {
		Caller caller = testAccounts.newAdmin();
		Connection gone = testConnections.github(caller, "us-east-1", "gone-meanwhile");
		ConnectedAccountsPage page = signIn(caller).select("gone-meanwhile");
		DeleteDialog dialog = page.delete().type("delete");
		connections.delete(caller, gone.id()); // in another tab, as it were

		page = dialog.confirm();

		assertThat(page.flash()).isEqualTo("Connection gone-meanwhile was deleted.");
		assertThat(page.flashRole()).isEqualTo("alert");
	}

	@Test
	void aFormWhoseCsrfTokenIsNoLongerTheSessionsIsRefusedInPlaceSayingWhatToDo() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "kept-stale");
		ConnectedAccountsPage page = signIn(caller).select("kept-stale");
		DeleteDialog dialog = page.delete().type("delete");
		// what signing in again in another tab does to the token this page's forms carry
		driver.manage().deleteCookieNamed("XSRF-TOKEN");
		driver.manage().addCookie(new Cookie("XSRF-TOKEN", "0b7c2a4e-5d7f-4a8e-9f21-3c6d8e0a1b2c", "/"));

		page = dialog.confirm();

		assertThat(page.flash()).startsWith("This form was opened before you last signed in")
			.contains("Nothing was changed");
		assertThat(page.flashRole()).isEqualTo("alert");
		assertThat(connections.list(caller, regions.require("us-east-1"), ConnectionQuery.all())).hasSize(1);
	}

	@Test
	void readOnlyUsersSeeTheConnectionsWithoutAnyControl() {
		Caller admin = testAccounts.newAdmin();
		testConnections.github(admin, "us-east-1", "visible");
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		ConnectedAccountsPage page = signIn(reader);

		assertThat(page.names()).containsExactly("visible");
		assertThat(page.hasActions()).isFalse();
		assertThat(page.hasSelection()).isFalse();
		assertThat(driver.findElements(By.id("add-connection"))).isEmpty();
		screenshot("connected-accounts-read-only");
		assertNoAccessibilityViolations("Connected accounts, read-only");
	}

	@Test
	void theActionsMenuWorksWithTheKeyboard() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "by-keyboard");
		ConnectedAccountsPage page = signIn(caller).select("by-keyboard");
		// the arrow the button draws is not read as part of its name
		assertThat(page.actionsButton().getAccessibleName()).isEqualTo("Actions");

		page.actionsButton().sendKeys(Keys.ARROW_DOWN);
		assertThat(page.actionsButton().getAttribute("aria-expanded")).isEqualTo("true");
		assertThat(page.actionsMenu().getAttribute("role")).isEqualTo("menu");
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-details");
		assertThat(page.activeElement().getAttribute("role")).isEqualTo("menuitem");

		// Update authorization and Check connection are unavailable while the handshake is pending: the arrows reach
		// them, announced so, and choosing one does nothing.
		page.activeElement().sendKeys(Keys.ARROW_DOWN);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-handshake");
		page.activeElement().sendKeys(Keys.ARROW_DOWN);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-reauthorize");
		assertThat(page.activeElement().getAttribute("aria-disabled")).isEqualTo("true");
		page.activeElement().sendKeys(Keys.ENTER);
		assertThat(page.actionsMenu().isDisplayed()).as("an unavailable item does nothing").isTrue();
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-reauthorize");
		page.activeElement().sendKeys(Keys.ARROW_DOWN);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-share-link");
		page.activeElement().sendKeys(Keys.ARROW_DOWN);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-check");
		page.activeElement().sendKeys(Keys.ARROW_DOWN);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-delete");
		page.activeElement().sendKeys(Keys.ARROW_DOWN);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-details");
		page.activeElement().sendKeys(Keys.ARROW_UP);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-delete");
		screenshot("actions-menu-open");

		page.activeElement().sendKeys(Keys.ESCAPE);
		assertThat(page.actionsMenu().isDisplayed()).isFalse();
		assertThat(page.actionsButton().getAttribute("aria-expanded")).isEqualTo("false");
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("actions-button");

		page.actionsButton().sendKeys(Keys.ARROW_UP);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-delete");
		page.activeElement().sendKeys(Keys.ENTER);
		DeleteDialog dialog = DeleteDialog.at(driver);
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("confirm");
		page = dialog.dismissWithEscape();
		assertThat(page.names()).containsExactly("by-keyboard");
		assertThat(page.activeElement().getAttribute("id")).as("focus back on the menu's button").isEqualTo("actions-button");
	}

	@Test
	void aPageFollowedInPlaceBringsItsTitleIntoTheSameDocument() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "titled");
		ConnectedAccountsPage page = signIn(caller);
		assertThat(driver.getTitle()).isEqualTo("Connected accounts | Connections Console");
		JavascriptExecutor script = (JavascriptExecutor) driver;
		script.executeScript("window.sameDocument = true");

		ConnectionDetailsPage details = page.viewDetails("titled");
		assertThat(details.heading()).isEqualTo("titled");
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(titleIs("titled | Connections Console"));
		details.breadcrumbToList();
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(titleIs("Connected accounts | Connections Console"));

		assertThat(script.executeScript("return window.sameDocument === true")).isEqualTo(true);
	}

	/** Does what the browser does with every answer 1.5 s on its way. */
	private void onASlowNetwork(Runnable steps) {
		ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
		slow.setLatency(Duration.ofMillis(1500));
		HasNetworkConditions network = (HasNetworkConditions) driver;
		network.setNetworkConditions(slow);
		try {
			steps.run();
		}
		finally {
			network.deleteNetworkConditions();
		}
	}

	/**
	 * Back and Forward load the page they go to as a page load does: the details of a connection deleted meanwhile say
	 * it is gone (the page shown before stayed, under the deleted connection's address).
	 */
	@Test
	void forwardToTheDetailsOfAConnectionDeletedMeanwhileSaysItIsGone() {
		Caller caller = testAccounts.newAdmin();
		Connection gone = testConnections.github(caller, "us-east-1", "gone-forward");
		ConnectedAccountsPage page = signIn(caller);
		page.viewDetails("gone-forward");
		driver.navigate().back();
		ConnectedAccountsPage.at(driver);
		connections.delete(caller, gone.id()); // in another tab, as it were

		driver.navigate().forward();

		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until((d) -> d.getCurrentUrl().endsWith("/connections/" + gone.id().value())
					&& d.getPageSource().contains("Connection gone-forward was deleted."));
		assertThat(driver.findElements(By.id("connections-heading"))).isEmpty();
	}

	/**
	 * The filter's answer held back until after the details page the user went on to has come: it is not swapped in
	 * over the details (it took the user back to the list), and the loading status ends with it.
	 */
	@Test
	void aFiltersAnswerThatComesAfterTheUserWentOnIsNotShown() {
		Caller caller = testAccounts.newAdmin();
		Connection went = testConnections.github(caller, "us-east-1", "went-on");
		testConnections.github(caller, "us-east-1", "other-one");
		ConnectedAccountsPage page = signIn(caller);
		// the filter's answers reach htmx two seconds late
		((JavascriptExecutor) driver).executeScript("""
				var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
				XMLHttpRequest.prototype.open = function (method, url) {
				  this.consoleUrl = url; return open.apply(this, arguments);
				};
				XMLHttpRequest.prototype.send = function () {
				  var answered = this.onload;
				  if (this.consoleUrl.indexOf('filter=') >= 0 && answered) {
				    this.onload = function () {
				      var xhr = this, args = arguments;
				      setTimeout(function () { answered.apply(xhr, args); window.filterAnswered = true; }, 2000);
				    };
				  }
				  return send.apply(this, arguments);
				};""");

		driver.findElement(By.id("filter")).sendKeys("o");
		new WebDriverWait(driver, Duration.ofSeconds(5))
			.until((d) -> d.findElement(By.id("loading")).getAttribute("class").contains("htmx-request"));
		ConnectionDetailsPage details = page.viewDetails("went-on");
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until((d) -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.filterAnswered;")));

		assertThat(driver.getCurrentUrl()).endsWith("/connections/" + went.id().value());
		assertThat(details.heading()).isEqualTo("went-on");
		assertThat(driver.findElements(By.id("filter"))).isEmpty();
		new WebDriverWait(driver, Duration.ofSeconds(5))
			.until((d) -> d.findElement(By.id("loading-text")).getAttribute("textContent").isEmpty());
	}

	@Test
	void keysTypedInTheFilterWhileItsMatchesAreOnTheirWayAreKeptAndFiltered() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "plain-one");
		testConnections.github(caller, "us-east-1", "plain-two");
		testConnections.github(caller, "us-east-1", "other");
		ConnectedAccountsPage page = signIn(caller);
		// the loading status says nothing while nothing loads, and "Loading" once a request takes a while
		assertThat(driver.findElement(By.id("loading-text")).getAttribute("textContent")).isEmpty();
		onASlowNetwork(() -> {
			WebElement filter = driver.findElement(By.id("filter"));
			filter.sendKeys("plain");
			// the filter asks once the typing pauses; more keys go in while its answer is on its way
			new WebDriverWait(driver, Duration.ofSeconds(5))
				.until((d) -> d.findElement(By.id("loading")).getAttribute("class").contains("htmx-request"));
			filter.sendKeys("-two");
			new WebDriverWait(driver, Duration.ofSeconds(5)).until(
					(d) -> "Loading".equals(d.findElement(By.id("loading-text")).getAttribute("textContent")));
		});

		new WebDriverWait(driver, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().contains("filter=plain-two"));
		assertThat(driver.findElement(By.id("filter")).getAttribute("value")).isEqualTo("plain-two");
		assertThat(page.names()).containsExactly("plain-two");
		assertThat(driver.findElement(By.id("loading-text")).getAttribute("textContent")).isEmpty();
	}

	@Test
	void actionsOpenedWhileASelectionIsOnItsWayStayOpenWithTheSelectedRowsItems() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "listed-first");
		Connection chosen = testConnections.github(caller, "us-east-1", "chosen-quickly");
		ConnectedAccountsPage page = signIn(caller);
		onASlowNetwork(() -> page.selectAndOpenActionsAtOnce("chosen-quickly"));

		page.actionsOpenFor(chosen.id().value());
		assertThat(page.actionsButton().getAttribute("aria-expanded")).isEqualTo("true");
		assertThat(page.enabledActions()).containsExactly("details", "handshake", "share-link", "delete");
		assertThat(page.activeElement().getAttribute("id")).isEqualTo("action-details");
	}

	/** The answer for a row the arrow keys have moved past is not swapped in: the focused row is the selected one. */
	@Test
	void rowsChosenWithTheArrowKeysBeforeTheFirstAnswerEndSelectedWhereTheFocusIs() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "arrow-a");
		testConnections.github(caller, "us-east-1", "arrow-b");
		Connection last = testConnections.github(caller, "us-east-1", "arrow-c");
		ConnectedAccountsPage page = signIn(caller);

		onASlowNetwork(() -> page.selectAndArrowDown("arrow-a", 2));

		assertThat(page.activeElement().getAttribute("id")).isEqualTo("select-arrow-c");
		assertThat(page.checkedRow()).isEqualTo("arrow-c");
		assertThat(driver.findElement(By.id("row-arrow-c")).getAttribute("class")).contains("selected");
		page.actionsButton().click();
		page.actionsOpenFor(last.id().value());
	}

	@Test
	void theActionsMenuEnablesOnlyWhatTheSelectedConnectionsStatusAllows() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "still-pending");
		Connection available = testConnections.github(caller, "us-east-1", "now-available");
		connections.completeHandshake(caller, available.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("octocat", "The Octocat", "https://github.com/octocat"),
				new ProviderTokens("token-for-the-menu", null, null), null);
		ConnectedAccountsPage page = signIn(caller);
		assertThat(page.enabledActions()).isEmpty();

		page = page.select("still-pending");
		assertThat(page.enabledActions()).containsExactly("details", "handshake", "share-link", "delete");
		page = page.select("now-available");
		assertThat(page.enabledActions()).containsExactly("details", "reauthorize", "check", "delete");
	}

	@Test
	void thePreferencesSetPageSizeAndColumnsAndAreKeptForTheUser() {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 40);
		for (int i = 1; i <= 35; i++) {
			testConnections.github(caller, "us-east-1", "pref-%02d".formatted(i));
		}
		ConnectedAccountsPage page = signIn(caller);
		assertThat(page.names()).hasSize(10);
		assertThat(page.columns()).containsExactly("Connection name", "Provider", "Status", "Created", "Last checked",
				"Last used", "Details");

		PreferencesDialog preferences = page.openPreferences();
		assertThat(preferences.isModal()).isTrue();
		screenshot("preferences-dialog");
		assertNoAccessibilityViolations("Preferences dialog");
		page = preferences.pageSize(30)
			.column("provider", false)
			.column("lastChecked", false)
			.column("lastUsed", false)
			.confirm();

		assertThat(page.names()).hasSize(30);
		assertThat(page.columns()).containsExactly("Connection name", "Status", "Created", "Details");
		page = page.signOut().signIn(caller.username(), io.connectionsconsole.support.TestAccounts.PASSWORD);
		assertThat(page.names()).hasSize(30);
		assertThat(page.columns()).containsExactly("Connection name", "Status", "Created", "Details");
		assertNoCspViolations();
	}

	@Test
	void aFilterThatMatchesNothingSaysSoAndClearsWithOneClick() {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "alpha-one");
		testConnections.github(caller, "us-east-1", "beta-two");

		ConnectedAccountsPage page = signIn(caller).filter("alpha");
		assertThat(page.matches()).isEqualTo("1 match");
		page = page.filter("gamma");
		assertThat(page.matches()).isEqualTo("No matches");
		assertThat(page.emptyStateText()).contains("No matches").contains("Clear filter");
		screenshot("connected-accounts-no-match");

		page = page.clearFilterFromEmptyState();
		assertThat(page.names()).containsExactly("alpha-one", "beta-two");
	}

	@Test
	void everyPageHasNoAccessibilityViolationsAndNoContentSecurityPolicyViolations() {
		driver.get(baseUrl() + "/login");
		screenshot("login");
		assertNoAccessibilityViolations("Sign in");

		Caller caller = testAccounts.newAdmin();
		ConnectedAccountsPage page = signIn(caller);
		screenshot("connected-accounts-empty");
		assertNoAccessibilityViolations("Connected accounts, empty");

		testConnections.github(caller, "us-east-1", "scanned-one");
		testConnections.github(caller, "us-east-1", "scanned-two");
		driver.navigate().refresh();
		page = ConnectedAccountsPage.at(driver).select("scanned-one");
		screenshot("connected-accounts");
		assertNoAccessibilityViolations("Connected accounts");

		page.addConnection();
		screenshot("add-connection");
		assertNoAccessibilityViolations("Add connection");

		for (String other : new String[] { "settings/credentials", "settings/users", "audit" }) {
			driver.get(baseUrl() + "/" + other);
			screenshot(other.replace('/', '-'));
			assertNoAccessibilityViolations(other);
		}

		driver.get(baseUrl() + "/connections?region=nowhere-1");
		screenshot("error-unknown-region");
		assertNoAccessibilityViolations("Unknown region");

		assertNoCspViolations();
	}

	/**
	 * A new access key's secret takes the focus from the button that made it, which another Enter would press again,
	 * making a second key and hiding the first one's secret for good.
	 */
	@Test
	void aNewAccessKeysSecretTakesTheFocusSoThatAnotherEnterMakesNoSecondKey() {
		signIn(testAccounts.newAdmin());
		driver.get(baseUrl() + "/settings/credentials");

		driver.findElement(By.id("create-access-key")).sendKeys(Keys.ENTER);

		// asked in one script, as the page is swapped in meanwhile
		new WebDriverWait(driver, Duration.ofSeconds(10)).until((d) -> "new-key-heading"
			.equals(((JavascriptExecutor) d).executeScript("return document.activeElement && document.activeElement.id")));
		String secret = driver.findElement(By.id("new-secret-access-key")).getText();
		driver.switchTo().activeElement().sendKeys(Keys.ENTER);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> driver
			.findElements(By.cssSelector("#access-keys-table tbody tr")).size() == 1
				&& secret.equals(driver.findElement(By.id("new-secret-access-key")).getText()));
	}

	@Test
	void anInlineScriptIsRefusedByTheContentSecurityPolicyAndTheRefusalIsSeen() {
		signIn(testAccounts.newAdmin());
		assertNoCspViolations();

		((JavascriptExecutor) driver).executeScript("""
				const script = document.createElement('script');
				script.textContent = 'document.body.dataset.inlineRan = "yes"';
				document.body.appendChild(script);""");

		assertThat(driver.findElement(By.tagName("body")).getAttribute("data-inline-ran")).isNull();
		assertThat(cspViolations()).isNotEmpty();
	}

	@Test
	void theFirstLoadOfThePageTransfersLessThanSixtyKilobytes() throws IOException {
		Caller caller = testAccounts.newAdmin();
		for (int i = 1; i <= 10; i++) {
			testConnections.github(caller, "us-east-1", "weight-" + i);
		}
		signIn(caller);
		((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCache", Map.of());
		driver.navigate().refresh();
		ConnectedAccountsPage.at(driver);

		Number bytes = (Number) ((JavascriptExecutor) driver).executeScript("""
				return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
				  .reduce((sum, e) => sum + e.transferSize, 0);""");
		@SuppressWarnings("unchecked")
		List<Object> resources = (List<Object>) ((JavascriptExecutor) driver).executeScript(
				"return performance.getEntriesByType('resource').map(e => e.name + ' ' + e.transferSize + ' B');");

		Files.writeString(Path.of("target", "page-weight.txt"),
				"Connected accounts page with 10 connections, first load: " + bytes.longValue() + " bytes transferred\n"
						+ String.join("\n", resources.stream().map(String::valueOf).toList()) + "\n");
		assertThat(bytes.longValue()).as("bytes transferred").isPositive().isLessThan(60 * 1024);
	}

}
