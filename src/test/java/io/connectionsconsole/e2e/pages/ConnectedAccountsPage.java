package io.connectionsconsole.e2e.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** The Connected accounts page of one region. */
public class ConnectedAccountsPage {

	private final WebDriver driver;

	ConnectedAccountsPage(WebDriver driver) {
		this.driver = driver;
	}

	public static ConnectedAccountsPage at(WebDriver driver) {
		return new ConnectedAccountsPage(driver).assertAt();
	}

	public ConnectedAccountsPage assertAt() {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("connections-heading")).isEmpty());
		return this;
	}

	public String region() {
		return new Select(driver.findElement(By.id("region-select"))).getFirstSelectedOption().getAttribute("value");
	}

	public ConnectedAccountsPage switchRegion(String code) {
		WebElement heading = driver.findElement(By.id("connections-heading"));
		new Select(driver.findElement(By.id("region-select"))).selectByValue(code);
		WebElement switchButton = driver.findElement(By.cssSelector(".region-selector button"));
		if (switchButton.isDisplayed()) {
			switchButton.click();
		}
		// The Region's page replaces this one, whether the choice submitted itself or the button did.
		Waits.until(driver, (d) -> Waits.isStale(heading));
		return assertAt();
	}

	/**
	 * Moves the Region selector one choice down with the arrow key, then, once the Switch button the key choice
	 * brings shows, answers whether the page is still this one; Enter then switches.
	 */
	public boolean stayedAfterArrowDownInRegionSelector() {
		WebElement heading = driver.findElement(By.id("connections-heading"));
		WebElement select = driver.findElement(By.id("region-select"));
		select.sendKeys(Keys.ARROW_DOWN);
		WebElement switchButton = driver.findElement(By.cssSelector(".region-selector button"));
		Waits.until(driver, (d) -> switchButton.isDisplayed());
		return !Waits.isStale(heading);
	}

	/** Enter in the Region selector: the chosen Region's page. */
	public ConnectedAccountsPage enterInRegionSelector() {
		WebElement heading = driver.findElement(By.id("connections-heading"));
		driver.findElement(By.id("region-select")).sendKeys(Keys.ENTER);
		Waits.until(driver, (d) -> Waits.isStale(heading));
		return assertAt();
	}

	public String heading() {
		return driver.findElement(By.id("connections-heading")).getText();
	}

	public String quotaUsage() {
		return driver.findElement(By.id("quota-usage")).getText();
	}

	public List<String> names() {
		return driver.findElements(By.cssSelector("#connections-table tbody td.name > :first-child"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	public String status(String name) {
		return driver.findElement(By.cssSelector("#row-" + name + " .status-text")).getText();
	}

	public WebElement row(String name) {
		return driver.findElement(By.id("row-" + name));
	}

	/** What the live region outside the swapped content says, once it says something. */
	public String announced() {
		return Waits.until(driver, (d) -> {
			String text = d.findElement(By.id("announcer")).getAttribute("textContent");
			return text == null || text.isBlank() ? null : text;
		});
	}

	public String flash() {
		return Waits.until(driver, (d) -> d.findElements(By.cssSelector("#flashbar .flash-message"))
			.stream()
			.findFirst()
			.map(WebElement::getText)
			.orElse(null));
	}

	/** The flash's role: {@code alert} for an error, {@code status} otherwise. */
	public String flashRole() {
		return driver.findElement(By.cssSelector("#flashbar .flash")).getAttribute("role");
	}

	public boolean offersHandshakeInFlash() {
		return !driver.findElements(By.id("flash-handshake")).isEmpty();
	}

	public AddConnectionPage addConnection() {
		driver.findElement(By.id("add-connection")).click();
		return AddConnectionPage.at(driver);
	}

	public WebElement addButton() {
		return driver.findElement(By.id("add-connection"));
	}

	public String quotaReachedMessage() {
		return driver.findElement(By.id("quota-reached")).getText();
	}

	public boolean hasActions() {
		return !driver.findElements(By.id("actions-menu")).isEmpty();
	}

	public boolean hasSelection() {
		return !driver.findElements(By.cssSelector("input[name=selected]")).isEmpty();
	}

	public ConnectedAccountsPage select(String name) {
		WebElement submit = driver.findElement(By.id("select-submit"));
		boolean scripted = !submit.isDisplayed();
		driver.findElement(By.id("select-" + name)).click();
		if (!scripted) {
			submit.click();
		}
		Waits.until(driver, (d) -> d.findElement(By.id("row-" + name)).getAttribute("class").contains("selected"));
		return assertAt();
	}

	/**
	 * Selects a row and opens the Actions menu before the selection's answer has come back, as a quick user does on a
	 * slow network; returns once the row shows as selected.
	 */
	public ConnectedAccountsPage selectAndOpenActionsAtOnce(String name) {
		driver.findElement(By.id("select-" + name)).click();
		actionsButton().click();
		if (!actionsMenu().isDisplayed()) {
			throw new IllegalStateException("the Actions menu did not open before the selection came back");
		}
		Waits.until(driver, (d) -> d.findElement(By.id("row-" + name)).getAttribute("class").contains("selected"));
		return this;
	}

	/**
	 * Selects the row of {@code name}, then goes {@code downs} rows down with the arrow key at once, as a keyboard user
	 * does before the first selection's answer has come back; waits for the selected row to be the focused one.
	 */
	public ConnectedAccountsPage selectAndArrowDown(String name, int downs) {
		WebElement radio = driver.findElement(By.id("select-" + name));
		radio.click();
		for (int i = 0; i < downs; i++) {
			radio = driver.switchTo().activeElement();
			radio.sendKeys(Keys.ARROW_DOWN);
		}
		Waits.settled(driver);
		return this;
	}

	/** The name of the row whose radio button is checked, or null. */
	public String checkedRow() {
		return driver.findElements(By.cssSelector("#selection input[name=selected]:checked"))
			.stream()
			.map((radio) -> radio.getAttribute("id").substring("select-".length()))
			.findFirst()
			.orElse(null);
	}

	/** Waits for the Actions menu to be open, for the connection of the given id. */
	public ConnectedAccountsPage actionsOpenFor(String connectionId) {
		Waits.until(driver, (d) -> actionsMenu().isDisplayed()
				&& action("details").getAttribute("href").endsWith("/connections/" + connectionId));
		return this;
	}

	public ConnectedAccountsPage filter(String text) {
		WebElement input = driver.findElement(By.id("filter"));
		input.clear();
		input.sendKeys(text);
		if (driver.findElement(By.cssSelector(".filter button[type=submit]")).isDisplayed()) {
			input.sendKeys(Keys.ENTER);
		}
		Waits.until(driver, (d) -> d.getCurrentUrl().contains("filter=" + text));
		return assertAt();
	}

	public String matches() {
		return driver.findElement(By.id("filter-matches")).getText();
	}

	public boolean isEmptyState() {
		return !driver.findElements(By.id("connections-empty")).isEmpty();
	}

	public String emptyStateText() {
		return driver.findElement(By.id("connections-empty")).getText();
	}

	public ConnectedAccountsPage goToPage(int page) {
		driver.findElement(By.id("page-" + page)).click();
		Waits.until(driver, (d) -> d.getCurrentUrl().contains("page=" + page) || (page == 1 && !d.getCurrentUrl().contains("page=")));
		Waits.until(driver, (d) -> "page".equals(d.findElement(By.id("page-" + page)).getAttribute("aria-current")));
		return assertAt();
	}

	public WebElement actionsButton() {
		return driver.findElement(By.id("actions-button"));
	}

	public WebElement actionsMenu() {
		return driver.findElement(By.id("actions-menu"));
	}

	public WebElement action(String id) {
		return driver.findElement(By.id("action-" + id));
	}

	/** Opens the Actions menu and chooses Complete handshake, which leaves for the provider's page. */
	public ProviderAuthorizePage completeHandshake(String providerUrl) {
		chooseAction("handshake");
		return ProviderAuthorizePage.at(driver, providerUrl);
	}

	/** Opens the Actions menu and chooses Check connection. */
	public ConnectedAccountsPage checkConnection() {
		chooseAction("check");
		return assertAt();
	}

	private void chooseAction(String id) {
		WebElement toggle = actionsButton();
		if (toggle.isDisplayed()) {
			toggle.click();
		}
		action(id).click();
	}

	public String lastChecked(String name) {
		return driver.findElement(By.cssSelector("#row-" + name + " td.last-checked")).getText();
	}

	public WebElement nameLink(String name) {
		return driver.findElement(By.cssSelector("#row-" + name + " a.provider-link"));
	}

	/** Opens the Actions menu with the mouse and chooses Delete. */
	public DeleteDialog delete() {
		WebElement toggle = actionsButton();
		if (toggle.isDisplayed()) {
			toggle.click();
		}
		action("delete").click();
		return DeleteDialog.at(driver);
	}

	/** Follows the row's View details link. */
	public ConnectionDetailsPage viewDetails(String name) {
		driver.findElement(By.cssSelector("#row-" + name + " a.details-link")).click();
		return ConnectionDetailsPage.at(driver);
	}

	/** Opens the Actions menu and chooses View details. */
	public ConnectionDetailsPage viewDetailsFromActions() {
		chooseAction("details");
		return ConnectionDetailsPage.at(driver);
	}

	/** Opens the Actions menu and chooses Update authorization, which leaves for the provider's page. */
	public ProviderAuthorizePage updateAuthorization(String providerUrl) {
		chooseAction("reauthorize");
		return ProviderAuthorizePage.at(driver, providerUrl);
	}

	/** Opens the Actions menu and chooses Create handshake link. */
	public HandshakeLinkCreatedPage copyHandshakeLink() {
		chooseAction("share-link");
		return HandshakeLinkCreatedPage.at(driver);
	}

	/** The ids (without "action-") of the Actions menu's enabled items. */
	public List<String> enabledActions() {
		return driver.findElements(By.cssSelector("#actions-menu .dropdown-item"))
			.stream()
			.filter(ConnectedAccountsPage::available)
			.map((item) -> item.getAttribute("id").substring("action-".length()))
			.toList();
	}

	/** Whether a menu item may be chosen: neither disabled (no script) nor marked unavailable (the script's menu). */
	static boolean available(WebElement item) {
		return item.isEnabled() && !"true".equals(item.getAttribute("aria-disabled"));
	}

	public PreferencesDialog openPreferences() {
		driver.findElement(By.id("preferences")).click();
		return PreferencesDialog.at(driver);
	}

	/** The headers of the table's columns, without the one of the selection's radio buttons. */
	public List<String> columns() {
		return driver.findElements(By.cssSelector("#connections-table thead th:not(.select-col)"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The Clear filter button of the no-match state. */
	public ConnectedAccountsPage clearFilterFromEmptyState() {
		driver.findElement(By.id("empty-clear")).click();
		Waits.until(driver, (d) -> !d.getCurrentUrl().contains("filter="));
		return assertAt();
	}

	public LoginPage signOut() {
		driver.findElement(By.id("sign-out")).click();
		Waits.until(driver, (d) -> d.getTitle().startsWith("Sign in"));
		return LoginPage.at(driver);
	}

	public WebElement activeElement() {
		return driver.switchTo().activeElement();
	}

	public static void assertTitle(WebDriver driver, String title) {
		assertThat(driver.getTitle()).startsWith(title);
	}

}
