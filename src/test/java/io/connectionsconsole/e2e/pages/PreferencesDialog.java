package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The preferences of the Connected accounts table: a modal dialog with JavaScript, a page of its own without. */
public class PreferencesDialog {

	private final WebDriver driver;

	PreferencesDialog(WebDriver driver) {
		this.driver = driver;
	}

	public static PreferencesDialog at(WebDriver driver) {
		Waits.until(driver,
				(d) -> d.findElements(By.id("preferences-dialog")).stream().anyMatch(WebElement::isDisplayed));
		return new PreferencesDialog(driver);
	}

	public PreferencesDialog pageSize(int size) {
		driver.findElement(By.id("page-size-" + size)).click();
		return this;
	}

	/** Ticks or unticks the column's box. */
	public PreferencesDialog column(String name, boolean shown) {
		WebElement box = driver.findElement(By.id("column-" + name));
		if (box.isSelected() != shown) {
			box.click();
		}
		return this;
	}

	public boolean isModal() {
		Object modal = ((JavascriptExecutor) driver)
			.executeScript("return document.getElementById('preferences-dialog').matches(':modal');");
		return Boolean.TRUE.equals(modal);
	}

	public ConnectedAccountsPage confirm() {
		driver.findElement(By.id("preferences-submit")).click();
		Waits.until(driver, (d) -> d.findElements(By.id("preferences-dialog")).isEmpty());
		return ConnectedAccountsPage.at(driver);
	}

}
