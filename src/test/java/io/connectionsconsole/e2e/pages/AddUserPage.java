package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The Add user form. */
public class AddUserPage {

	private final WebDriver driver;

	AddUserPage(WebDriver driver) {
		this.driver = driver;
	}

	public static AddUserPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("add-user-form")).isEmpty());
		return new AddUserPage(driver);
	}

	public AddUserPage username(String username) {
		WebElement input = driver.findElement(By.id("username"));
		input.clear();
		input.sendKeys(username);
		return this;
	}

	public AddUserPage role(String label) {
		driver.findElement(By.xpath("//label[normalize-space()='" + label + "']")).click();
		return this;
	}

	public AddUserPage password(String password) {
		WebElement input = driver.findElement(By.id("password"));
		input.clear();
		input.sendKeys(password);
		return this;
	}

	/** The password field as the page has it now: empty after a refused submit. */
	public String typedPassword() {
		return driver.findElement(By.id("password")).getAttribute("value");
	}

	public UsersPage submit() {
		driver.findElement(By.id("add-user-submit")).click();
		return UsersPage.at(driver);
	}

	/** Submits a form that the server sends back with errors. */
	public AddUserPage submitExpectingErrors() {
		WebElement form = driver.findElement(By.id("add-user-form"));
		driver.findElement(By.id("add-user-submit")).click();
		Waits.until(driver, (d) -> Waits.isStale(form));
		return at(driver);
	}

	public String error(String field) {
		return driver.findElement(By.id(field + "-error")).getText();
	}

}
