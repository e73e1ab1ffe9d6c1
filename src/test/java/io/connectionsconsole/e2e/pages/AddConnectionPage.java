package io.connectionsconsole.e2e.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The Add connection form. */
public class AddConnectionPage {

	private final WebDriver driver;

	AddConnectionPage(WebDriver driver) {
		this.driver = driver;
	}

	public static AddConnectionPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("create-form")).isEmpty());
		return new AddConnectionPage(driver);
	}

	public AddConnectionPage name(String name) {
		WebElement input = driver.findElement(By.id("name"));
		input.clear();
		input.sendKeys(name);
		return this;
	}

	public AddConnectionPage provider(String label) {
		driver.findElement(By.xpath("//label[normalize-space()='" + label + "']")).click();
		return this;
	}

	public AddConnectionPage tags(String lines) {
		WebElement input = driver.findElement(By.id("tags"));
		input.clear();
		input.sendKeys(lines);
		return this;
	}

	/** Submits a form that the server accepts. */
	public ConnectedAccountsPage submit() {
		driver.findElement(By.id("create-submit")).click();
		return ConnectedAccountsPage.at(driver);
	}

	/** Submits a form that the server sends back with errors. */
	public AddConnectionPage submitExpectingErrors() {
		WebElement form = driver.findElement(By.id("create-form"));
		driver.findElement(By.id("create-submit")).click();
		Waits.until(driver, (d) -> Waits.isStale(form));
		return at(driver);
	}

	/** The id of the field the focus moves to once the refused form has settled: a field, not the submit button. */
	public String focusedFieldInError() {
		return Waits.until(driver, (d) -> {
			WebElement focused = d.switchTo().activeElement();
			String id = focused.getAttribute("id");
			return focused.getTagName().equals("input") && !id.isEmpty() ? id : null;
		});
	}

	public String error(String field) {
		return driver.findElement(By.id(field + "-error")).getText();
	}

	public String formError() {
		return driver.findElement(By.id("form-error")).getText();
	}

	public boolean hasError(String field) {
		return !driver.findElements(By.id(field + "-error")).isEmpty();
	}

}
