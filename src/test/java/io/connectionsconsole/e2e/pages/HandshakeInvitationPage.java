package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** A shared handshake link, opened by a signed-in user: the invitation, or why it can't be used. */
public class HandshakeInvitationPage {

	private final WebDriver driver;

	HandshakeInvitationPage(WebDriver driver) {
		this.driver = driver;
	}

	public static HandshakeInvitationPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("handshake-invitation")).isEmpty()
				|| !d.findElements(By.id("handshake-link-refused")).isEmpty());
		return new HandshakeInvitationPage(driver);
	}

	public boolean invites() {
		return !driver.findElements(By.id("handshake-invitation")).isEmpty();
	}

	public String connection() {
		return driver.findElement(By.id("invitation-connection")).getText();
	}

	public String sharedBy() {
		return driver.findElement(By.id("invitation-shared-by")).getText();
	}

	public String refusal() {
		return driver.findElement(By.id("handshake-link-refusal")).getText();
	}

	public ProviderAuthorizePage continueToProvider(String providerUrl) {
		driver.findElement(By.id("continue-to-provider")).click();
		return ProviderAuthorizePage.at(driver, providerUrl);
	}

}
