package io.connectionsconsole.e2e.pages;

import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Waits for the page to settle after a navigation or an htmx swap. */
final class Waits {

	private Waits() {
	}

	/** Asks again, for up to 10 s, while the condition is false or null or its element left the document. */
	static <T> T until(WebDriver driver, Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((d) -> {
				try {
					return condition.apply(d);
				}
				catch (WebDriverException ex) {
					throw leftTheDocument(ex) ? new StaleElementReferenceException(ex.getMessage(), ex) : ex;
				}
			});
	}

	static boolean isStale(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (WebDriverException ex) {
			if (leftTheDocument(ex)) {
				return true;
			}
			throw ex;
		}
	}

	/**
	 * The element is gone with its page: Selenium says so with a stale element, ChromeDriver sometimes with an
	 * "unknown error" when the page is replaced while it reads the element (a form posted without script).
	 */
	private static boolean leftTheDocument(WebDriverException ex) {
		return ex instanceof StaleElementReferenceException || (ex.getMessage() != null
				&& ex.getMessage().contains("Node with given id does not belong to the document"));
	}

	/** No htmx request in flight and the document fully loaded. */
	static void settled(WebDriver driver) {
		until(driver, (d) -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
				"return document.readyState === 'complete' && !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping');")));
	}

}
