package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** A user's page on the Users page: their role, access and password. */
public class UserPage {

	private final WebDriver driver;

	UserPage(WebDriver driver) {
		this.driver = driver;
	}

	public static UserPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("user-name")).isEmpty());
		return new UserPage(driver);
	}

	public String username() {
		return driver.findElement(By.id("user-name")).getText();
	}

	public UsersPage changeRole(String label) {
		driver.findElement(By.xpath("//form[@id='role-form']//label[normalize-space()='" + label + "']")).click();
		driver.findElement(By.id("role-submit")).click();
		return UsersPage.at(driver);
	}

	public UsersPage disable() {
		driver.findElement(By.id("disable-submit")).click();
		return UsersPage.at(driver);
	}

	public UsersPage enable() {
		driver.findElement(By.id("enable-submit")).click();
		return UsersPage.at(driver);
	}

	public UsersPage resetPassword(String password) {
		driver.findElement(By.id("newPassword")).sendKeys(password);
		driver.findElement(By.id("reset-submit")).click();
		return UsersPage.at(driver);
	}

}
