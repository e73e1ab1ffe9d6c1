package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Your password: the signed-in user's own password. */
public class PasswordPage {

	private final WebDriver driver;

	PasswordPage(WebDriver driver) {
		this.driver = driver;
	}

	/** Opens the page from the user menu of the top bar. */
	public static PasswordPage openFromUserMenu(WebDriver driver) {
		driver.findElement(By.id("your-password")).click();
		return at(driver);
	}

	public static PasswordPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("password-form")).isEmpty());
		return new PasswordPage(driver);
	}

	/** Fills in the form and submits it: the page again, with a flash message or the fields' errors. */
	public PasswordPage change(String current, String next, String confirmation) {
		WebElement form = driver.findElement(By.id("password-form"));
		driver.findElement(By.id("currentPassword")).sendKeys(current);
		driver.findElement(By.id("newPassword")).sendKeys(next);
		driver.findElement(By.id("confirmPassword")).sendKeys(confirmation);
		driver.findElement(By.id("password-submit")).click();
		Waits.until(driver, (d) -> Waits.isStale(form));
		return at(driver);
	}

	public String flash() {
		return driver.findElements(By.cssSelector("#flashbar .flash-message"))
			.stream()
			.findFirst()
			.map(WebElement::getText)
			.orElse(null);
	}

	public LoginPage signOut() {
		driver.findElement(By.id("sign-out")).click();
		Waits.until(driver, (d) -> d.getTitle().startsWith("Sign in"));
		return LoginPage.at(driver);
	}

	public String error(String field) {
		return driver.findElement(By.id(field + "-error")).getText();
	}

}
