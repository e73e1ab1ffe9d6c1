package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The page that shows a handshake link once, right after Create handshake link. */
public class HandshakeLinkCreatedPage {

	private final WebDriver driver;

	HandshakeLinkCreatedPage(WebDriver driver) {
		this.driver = driver;
	}

	public static HandshakeLinkCreatedPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("handshake-link-url")).isEmpty()
				|| !d.findElements(By.id("handshake-link-gone")).isEmpty());
		return new HandshakeLinkCreatedPage(driver);
	}

	public String link() {
		return driver.findElement(By.id("handshake-link-url")).getText();
	}

	public String expires() {
		return driver.findElement(By.id("handshake-link-expires")).getText();
	}

	public boolean showsTheLink() {
		return !driver.findElements(By.id("handshake-link-url")).isEmpty();
	}

	/** Clicks Copy link and answers what the status beside it then says. */
	public String copy() {
		driver.findElement(By.id("handshake-link-url-copy")).click();
		return Waits.until(driver, (d) -> {
			String copied = d.findElement(By.id("handshake-link-url-copied")).getText();
			return copied.isEmpty() ? null : copied;
		});
	}

}
