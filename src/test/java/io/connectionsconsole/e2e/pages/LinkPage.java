package io.connectionsconsole.e2e.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** A repository link's page: its ARN and clone URL to copy, and its access tokens. */
public class LinkPage {

	private final WebDriver driver;

	LinkPage(WebDriver driver) {
		this.driver = driver;
	}

	public static LinkPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("link-heading")).isEmpty());
		return new LinkPage(driver);
	}

	public String heading() {
		return driver.findElement(By.id("link-heading")).getText();
	}

	public String flash() {
		return driver.findElement(By.id("flashbar")).getText();
	}

	public String cloneUrl() {
		return driver.findElement(By.id("link-clone-url")).getText();
	}

	/** Clicks Copy beside the clone URL and answers what the status beside it then says. */
	public String copyCloneUrl() {
		driver.findElement(By.id("link-clone-url-copy")).click();
		return Waits.until(driver, (d) -> {
			String copied = d.findElement(By.id("link-clone-url-copied")).getText();
			return copied.isEmpty() ? null : copied;
		});
	}

	public LinkPage createToken(String name, int days) {
		driver.findElement(By.id("token-name")).sendKeys(name);
		WebElement expiry = driver.findElement(By.id("token-days"));
		expiry.clear();
		expiry.sendKeys(Integer.toString(days));
		driver.findElement(By.id("create-link-token-submit")).click();
		Waits.until(driver, (d) -> !d.findElements(By.id("new-link-token")).isEmpty());
		return LinkPage.at(driver);
	}

	/**
	 * Create token with a name the console refuses: answers the error shown at the name and the id of the element that
	 * has the focus once the page settles.
	 */
	public List<String> createTokenRefused(String name) {
		driver.findElement(By.id("token-name")).sendKeys(name);
		driver.findElement(By.id("create-link-token-submit")).click();
		Waits.until(driver, (d) -> !d.findElements(By.id("token-name-error")).isEmpty());
		Waits.settled(driver);
		return List.of(driver.findElement(By.id("token-name-error")).getText(),
				driver.switchTo().activeElement().getAttribute("id"));
	}

	/** The secret of the token just created; absent on any later visit. */
	public String newSecret() {
		List<WebElement> secret = driver.findElements(By.id("new-token-secret"));
		return secret.isEmpty() ? null : secret.getFirst().getText();
	}

	/** The tokens, each row as its cells' text joined by " | ". */
	public List<String> tokens() {
		return driver.findElements(By.cssSelector("#link-tokens-table tbody tr"))
			.stream()
			.map((row) -> String.join(" | ", row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()))
			.toList();
	}

	/** Revoke on the token's row: answers what the dialog that asks first says. */
	public String revokeAsked(String name) {
		driver.findElement(By.cssSelector("a[aria-label='Revoke token " + name + "']")).click();
		return Waits.until(driver, (d) -> d.findElements(By.id("revoke-dialog"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map(WebElement::getText)
			.findFirst()
			.orElse(null));
	}

	/** Revoke token in the dialog {@link #revokeAsked} opened. */
	public LinkPage confirmRevocation() {
		driver.findElement(By.id("revoke-submit")).click();
		Waits.until(driver, (d) -> d.findElement(By.id("flashbar")).getText().contains("revoked"));
		return LinkPage.at(driver);
	}

	/** The id of the element that has the focus once it has moved to {@code id}, or the last one seen. */
	public String focusedOn(String id) {
		try {
			return Waits.until(driver, (d) -> id.equals(focused()) ? id : null);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			return focused();
		}
	}

	private String focused() {
		// asked in one script, as the page may be swapped in meanwhile
		return (String) ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return document.activeElement && document.activeElement.id");
	}

	/** How many entries the tab's history has. */
	public long historyLength() {
		return (Long) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return history.length;");
	}

	public ConnectionDetailsPage breadcrumbToConnection() {
		driver.findElement(By.cssSelector(".breadcrumbs a[href*='/connections/']")).click();
		return ConnectionDetailsPage.at(driver);
	}

}
