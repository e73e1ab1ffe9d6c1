package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in page. */
public class LoginPage {

	private final WebDriver driver;

	LoginPage(WebDriver driver) {
		this.driver = driver;
	}

	public static LoginPage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/login");
		return new LoginPage(driver).assertAt();
	}

	public static LoginPage at(WebDriver driver) {
		return new LoginPage(driver).assertAt();
	}

	public LoginPage assertAt() {
		assertThat(driver.getTitle()).startsWith("Sign in");
		return this;
	}

	public ConnectedAccountsPage signIn(String username, String password) {
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("sign-in")).click();
		return ConnectedAccountsPage.at(driver);
	}

	public boolean showsSignedOut() {
		return !driver.findElements(By.id("logged-out")).isEmpty();
	}

}
