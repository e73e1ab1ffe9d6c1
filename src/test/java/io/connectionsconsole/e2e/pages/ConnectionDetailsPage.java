package io.connectionsconsole.e2e.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** A connection's details page, with its Repositories section and health history. */
public class ConnectionDetailsPage {

	private final WebDriver driver;

	ConnectionDetailsPage(WebDriver driver) {
		this.driver = driver;
	}

	public static ConnectionDetailsPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("details-heading")).isEmpty());
		return new ConnectionDetailsPage(driver);
	}

	public String heading() {
		return driver.findElement(By.id("details-heading")).getText();
	}

	public String arn() {
		return driver.findElement(By.id("details-arn")).getText();
	}

	public String provider() {
		return driver.findElement(By.id("details-provider")).getText();
	}

	public String status() {
		return driver.findElement(By.cssSelector("#details-status .status-text")).getText();
	}

	public String statusReason() {
		return driver.findElement(By.id("details-status-reason")).getText();
	}

	public String lastChecked() {
		return driver.findElement(By.id("details-last-checked")).getText();
	}

	public String providerLogin() {
		return driver.findElement(By.id("account-login")).getText();
	}

	public String providerLink() {
		return driver.findElement(By.id("account-link")).getAttribute("href");
	}

	public String tags() {
		return driver.findElement(By.id("tags")).getText();
	}

	/** The health history, newest first, each row as its cells' text joined by " | ". */
	public List<String> history() {
		return driver.findElements(By.cssSelector("#history-table tbody tr"))
			.stream()
			.map((row) -> String.join(" | ",
					row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()))
			.toList();
	}

	public WebElement copyArnButton() {
		return driver.findElement(By.id("details-arn-copy"));
	}

	/** Clicks Copy ARN and answers what the status beside it then says. */
	public String copyArn() {
		copyArnButton().click();
		return Waits.until(driver, (d) -> {
			String copied = d.findElement(By.id("details-arn-copied")).getText();
			return copied.isEmpty() ? null : copied;
		});
	}

	public ConnectedAccountsPage breadcrumbToList() {
		driver.findElement(By.cssSelector(".breadcrumbs a[href*='/connections?region=']")).click();
		return ConnectedAccountsPage.at(driver);
	}

	public boolean offersRepositories() {
		return !driver.findElements(By.id("show-repositories")).isEmpty();
	}

	public ConnectionDetailsPage showRepositories() {
		driver.findElement(By.id("show-repositories")).click();
		Waits.until(driver, (d) -> !d.findElements(By.id("repositories-table")).isEmpty()
				|| !d.findElements(By.id("repositories-problem")).isEmpty()
				|| !d.findElements(By.id("repositories-empty")).isEmpty());
		return at(driver);
	}

	/** The id of the element that has the focus. */
	public String focused() {
		return driver.switchTo().activeElement().getAttribute("id");
	}

	/**
	 * What the page says to a screen reader, once it says {@code expected} (or, if it never does, what it said last):
	 * what it said before may still be there when the part it speaks of has come.
	 */
	public String announced(String expected) {
		try {
			return Waits.until(driver, (d) -> {
				String text = d.findElement(By.id("announcer")).getAttribute("textContent");
				return expected.equals(text) ? text : null;
			});
		}
		catch (TimeoutException ex) {
			return driver.findElement(By.id("announcer")).getAttribute("textContent");
		}
	}

	public List<String> repositories() {
		return driver.findElements(By.cssSelector("#repositories-table tbody .repository-link"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The repository marked as the one whose branches are shown. */
	public String chosenRepository() {
		return driver.findElement(By.cssSelector("#repositories-table .repository-link[aria-current=true]")).getText();
	}

	public String repositoryCount() {
		return driver.findElement(By.id("repositories-counter")).getText();
	}

	public String repositoryPage() {
		return driver.findElement(By.id("repositories-page")).getText();
	}

	public String repositoriesProblem() {
		return driver.findElement(By.id("repositories-problem")).getText();
	}

	public ConnectionDetailsPage filterRepositories(String text) {
		WebElement input = driver.findElement(By.id("repository-filter"));
		input.clear();
		input.sendKeys(text);
		driver.findElement(By.id("repository-filter-submit")).click();
		Waits.until(driver, (d) -> d.getCurrentUrl().contains("filter=" + text));
		return at(driver);
	}

	public String repositoryMatches() {
		return driver.findElement(By.id("repository-matches")).getText();
	}

	public ConnectionDetailsPage nextRepositories() {
		String page = repositoryPage();
		driver.findElement(By.id("repositories-next")).click();
		Waits.until(driver, (d) -> !d.findElement(By.id("repositories-page")).getText().equals(page));
		return at(driver);
	}

	/** Chooses a repository and answers its branches as listed beside the repositories. */
	public List<String> branchesOf(String repository) {
		driver.findElement(By.xpath("//a[contains(@class,'repository-link')][normalize-space()='" + repository + "']"))
			.click();
		Waits.until(driver, (d) -> d.findElement(By.id("branches-heading")).getText().endsWith(repository));
		at(driver);
		return driver.findElements(By.cssSelector("#branches-table tbody td:first-child"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The GitHub App installation the connection reads through, as the Provider account section names it. */
	public String installation() {
		return driver.findElement(By.id("installation-account")).getText() + ", "
				+ driver.findElement(By.id("installation-repositories")).getText();
	}

	/** An administrator's Use installation of a pending connection: the installation another connection reads through. */
	public ConnectionDetailsPage useInstallation(String account) {
		WebElement button = driver.findElements(By.cssSelector("#bind-installation button[type=submit]"))
			.stream()
			.filter((candidate) -> candidate.getText().equals("Use installation " + account))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No Use installation " + account));
		button.click();
		return ConnectionDetailsPage.at(driver);
	}

	public String flash() {
		return Waits.until(driver, (d) -> d.findElements(By.cssSelector("#flashbar .flash-message"))
			.stream()
			.findFirst()
			.map(WebElement::getText)
			.orElse(null));
	}

	public boolean hasActions() {
		return !driver.findElements(By.id("actions-menu")).isEmpty();
	}

	public boolean actionEnabled(String id) {
		return ConnectedAccountsPage.available(driver.findElement(By.id("action-" + id)));
	}

	private void chooseAction(String id) {
		WebElement toggle = driver.findElement(By.id("actions-button"));
		if (toggle.isDisplayed()) {
			toggle.click();
		}
		driver.findElement(By.id("action-" + id)).click();
	}

	public ProviderAuthorizePage updateAuthorization(String providerUrl) {
		chooseAction("reauthorize");
		return ProviderAuthorizePage.at(driver, providerUrl);
	}

	public ProviderAuthorizePage completeHandshake(String providerUrl) {
		chooseAction("handshake");
		return ProviderAuthorizePage.at(driver, providerUrl);
	}

	public HandshakeLinkCreatedPage copyHandshakeLink() {
		chooseAction("share-link");
		return HandshakeLinkCreatedPage.at(driver);
	}

	public ConnectionDetailsPage checkConnection() {
		WebElement heading = driver.findElement(By.id("details-heading"));
		chooseAction("check");
		Waits.until(driver, (d) -> Waits.isStale(heading));
		return at(driver);
	}

	/** Links a repository on the Used by section, and answers the link's page. */
	public LinkPage linkRepository(String fullName) {
		driver.findElement(By.id("link-repository-name")).sendKeys(fullName);
		driver.findElement(By.id("link-repository-submit")).click();
		return LinkPage.at(driver);
	}

	/** The repositories the Used by section lists. */
	public List<String> usedBy() {
		return driver.findElements(By.cssSelector("#used-by-table tbody tr td:first-child"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

}
