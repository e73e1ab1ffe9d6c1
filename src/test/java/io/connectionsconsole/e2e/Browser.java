package io.connectionsconsole.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium and ChromeDriver, handed to Selenium by path so that Selenium Manager never tries to
 * download a browser. Where they are not installed the browser tests are skipped with the packages to
 * install, unless {@code -Dbrowser.required=true} (CI) turns that into a failure.
 */
final class Browser {

	static final String PACKAGES = "Debian packages chromium and chromium-driver (apt-get install -y chromium chromium-driver)";

	private static final String BINARY = setting("browser.binary", "CHROMIUM_BIN", "/usr/bin/chromium");

	private static final String DRIVER = setting("browser.driver", "CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

	private Browser() {
	}

	/** A new headless Chromium; with {@code javascript} false, one that runs no script at all. */
	static WebDriver start(boolean javascript) {
		requireInstalled();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1280,900", "--user-data-dir=" + tempProfile());
		options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
		if (!javascript) {
			options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
		}
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	static void requireInstalled() {
		boolean installed = new File(BINARY).canExecute() && new File(DRIVER).canExecute();
		if (!installed) {
			String message = "Browser tests need " + BINARY + " and " + DRIVER + ": install the " + PACKAGES;
			if (Boolean.getBoolean("browser.required")) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
	}

	private static String tempProfile() {
		try {
			Path dir = Files.createTempDirectory("console-chromium-");
			// Chromium fills the profile, which deleteOnExit would leave behind; the drivers have quit by then.
			Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(dir.toFile())));
			return dir.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String setting(String property, String variable, String fallback) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(variable);
		}
		return value == null || value.isBlank() ? fallback : value;
	}

}
