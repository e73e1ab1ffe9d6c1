package io.connectionsconsole.e2e.pages;

import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Waits for the page to settle after a navigation or an htmx swap. */
final class Waits {

	private Waits() {
	}

	static <T> T until(WebDriver driver, Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	static boolean isStale(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
	}

	/** No htmx request in flight and the document fully loaded. */
	static void settled(WebDriver driver) {
		until(driver, (d) -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
				"return document.readyState === 'complete' && !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping');")));
	}

}
