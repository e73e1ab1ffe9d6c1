package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/** The (fake) provider's authorization page, on the provider's own origin. */
public class ProviderAuthorizePage {

	private final WebDriver driver;

	ProviderAuthorizePage(WebDriver driver) {
		this.driver = driver;
	}

	public static ProviderAuthorizePage at(WebDriver driver, String providerUrl) {
		Waits.until(driver, (d) -> !d.findElements(By.id("authorize")).isEmpty());
		assertThat(driver.getCurrentUrl()).startsWith(providerUrl);
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Authorize Connections Console");
		return new ProviderAuthorizePage(driver);
	}

	public ConnectedAccountsPage authorize() {
		driver.findElement(By.id("authorize")).click();
		return ConnectedAccountsPage.at(driver);
	}

	/** Authorize a handshake started on the connection's details page, where it ends. */
	public ConnectionDetailsPage authorizeBackToDetails() {
		driver.findElement(By.id("authorize")).click();
		return ConnectionDetailsPage.at(driver);
	}

	/** Authorize, as a GitHub App: the console then asks which installation the connection reads through. */
	public InstallationPage authorizeApp() {
		driver.findElement(By.id("authorize")).click();
		return InstallationPage.at(driver);
	}

	public ConnectedAccountsPage cancel() {
		driver.findElement(By.id("cancel")).click();
		return ConnectedAccountsPage.at(driver);
	}

}
