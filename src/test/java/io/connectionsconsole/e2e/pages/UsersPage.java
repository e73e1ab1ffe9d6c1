package io.connectionsconsole.e2e.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The Users page: the account's users, for administrators. */
public class UsersPage {

	private final WebDriver driver;

	UsersPage(WebDriver driver) {
		this.driver = driver;
	}

	/** Opens the page from the Users link of the top bar. */
	public static UsersPage openFromTopBar(WebDriver driver) {
		driver.findElement(By.cssSelector(".top-nav-links a[href='/settings/users']")).click();
		return at(driver);
	}

	public static UsersPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("users-table")).isEmpty());
		return new UsersPage(driver);
	}

	public List<String> usernames() {
		return driver.findElements(By.cssSelector("#users-table tbody td:first-child bdi"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The status column of the user's row: Enabled or Disabled. */
	public String status(String username) {
		return row(username).findElement(By.cssSelector(".status-text")).getText();
	}

	/** The role column of the user's row. */
	public String role(String username) {
		return row(username).findElement(By.xpath("td[2]")).getText();
	}

	public String flash() {
		return Waits.until(driver, (d) -> d.findElements(By.cssSelector("#flashbar .flash-message"))
			.stream()
			.findFirst()
			.map(WebElement::getText)
			.orElse(null));
	}

	public AddUserPage addUser() {
		driver.findElement(By.id("add-user")).click();
		return AddUserPage.at(driver);
	}

	public UserPage open(String username) {
		row(username).findElement(By.cssSelector("a[id^=manage-]")).click();
		return UserPage.at(driver);
	}

	private WebElement row(String username) {
		return driver.findElement(By.xpath("//table[@id='users-table']//tr[td[1]//bdi[normalize-space()='" + username
				+ "']]"));
	}

}
