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

	/** Signs out with the top bar's button, from any page, and answers the sign-in page it leads to. */
	public static LoginPage signOutFrom(WebDriver driver) {
		driver.findElement(By.id("sign-out")).click();
		Waits.until(driver, (d) -> d.getTitle().startsWith("Sign in"));
		return at(driver);
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

	/** Signs in where the sign-in leads somewhere other than Connected accounts, such as a shared link. */
	public void submit(String username, String password) {
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.id("sign-in")).click();
	}

	/** Signs in with a wrong password: the sign-in page again, saying so. */
	public LoginPage failToSignIn(String username, String password) {
		submit(username, password);
		Waits.until(driver, (d) -> !d.findElements(By.id("login-error")).isEmpty());
		return assertAt();
	}

	/** What the page said to a screen reader once it loaded. */
	public String announced() {
		return Waits.until(driver, (d) -> {
			String text = d.findElement(By.id("announcer")).getAttribute("textContent");
			return text == null || text.isBlank() ? null : text;
		});
	}

	/** The ids of what describes the field of {@code id}, and whether it is marked invalid. */
	public String fieldState(String id) {
		return driver.findElement(By.id(id)).getAttribute("aria-describedby") + ", invalid="
				+ driver.findElement(By.id(id)).getAttribute("aria-invalid");
	}

	public boolean showsSignedOut() {
		return !driver.findElements(By.id("logged-out")).isEmpty();
	}

}
