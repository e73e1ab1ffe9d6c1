package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The delete confirmation: a modal dialog with JavaScript, a page of its own without. */
public class DeleteDialog {

	private final WebDriver driver;

	DeleteDialog(WebDriver driver) {
		this.driver = driver;
	}

	public static DeleteDialog at(WebDriver driver) {
		Waits.until(driver, (d) -> d.findElements(By.id("delete-dialog")).stream().anyMatch(WebElement::isDisplayed));
		return new DeleteDialog(driver);
	}

	public String text() {
		return driver.findElement(By.id("delete-dialog")).getText();
	}

	public DeleteDialog type(String text) {
		WebElement input = driver.findElement(By.id("confirm"));
		input.clear();
		input.sendKeys(text);
		return this;
	}

	public boolean deleteEnabled() {
		return driver.findElement(By.id("delete-submit")).isEnabled();
	}

	public ConnectedAccountsPage confirm() {
		driver.findElement(By.id("delete-submit")).click();
		Waits.until(driver, (d) -> d.findElements(By.id("delete-dialog")).isEmpty());
		return ConnectedAccountsPage.at(driver);
	}

	/** Escape closes the modal dialog and leaves the page as it was. */
	public ConnectedAccountsPage dismissWithEscape() {
		driver.findElement(By.id("confirm")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
		Waits.until(driver, (d) -> d.findElements(By.id("delete-dialog")).isEmpty());
		return ConnectedAccountsPage.at(driver);
	}

	public boolean isModal() {
		Object modal = ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return document.getElementById('delete-dialog').matches(':modal');");
		return Boolean.TRUE.equals(modal);
	}

}
