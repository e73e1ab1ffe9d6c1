package io.connectionsconsole.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.e2e.pages.LoginPage;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;

/** The console on a random port and one headless Chromium per test class, driven through page objects. */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTestBase {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	WebDriver driver;

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	/** Whether this class's browser runs scripts; the no-JavaScript tests say false. */
	boolean javascript() {
		return true;
	}

	@BeforeAll
	void startBrowser() {
		driver = Browser.start(javascript());
	}

	@AfterAll
	void stopBrowser() {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
	}

	@BeforeEach
	void signOutOfPreviousTest() {
		driver.get(baseUrl() + "/login");
		driver.manage().deleteAllCookies();
		driver.manage().logs().get(LogType.BROWSER);
	}

	String baseUrl() {
		return "http://localhost:" + port;
	}

	ConnectedAccountsPage signIn(Caller caller) {
		return LoginPage.open(driver, baseUrl()).signIn(caller.username(), TestAccounts.PASSWORD);
	}

	/**
	 * A GitHub connection in us-east-1 made available through the browser, as a user would, with the fake GitHub of a
	 * class configured with {@code FakeProviders.Initializer}.
	 */
	ConnectedAccountsPage availableThroughTheBrowser(Caller caller, String name) {
		testConnections.github(caller, "us-east-1", name);
		ConnectedAccountsPage page = signIn(caller).select(name)
			.completeHandshake(FakeProviders.get().baseUrl() + "/github/")
			.authorize();
		assertThat(page.status(name)).isEqualTo("Available");
		return page;
	}

	/** What the page's clipboard holds, read with the permission granted to the console's origin. */
	String clipboard() {
		((ChromeDriver) driver).executeCdpCommand("Browser.grantPermissions",
				Map.of("origin", baseUrl(), "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
		return (String) ((JavascriptExecutor) driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				navigator.clipboard.readText().then(done, (e) => done('unreadable: ' + e));""");
	}

	void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(file, SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The elements matching {@code selector} that reach past the right edge of a window 320 CSS pixels wide, where
	 * content must reflow rather than scroll sideways (WCAG 1.4.10), as {@code tag#id.class}.
	 */
	@SuppressWarnings("unchecked")
	List<String> pastANarrowWindow(String selector) {
		ChromeDriver chrome = (ChromeDriver) driver;
		chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 320, "height", 640, "deviceScaleFactor", 1, "mobile", false));
		try {
			return (List<String>) ((JavascriptExecutor) driver).executeScript("""
					return [...document.querySelectorAll(arguments[0])]
					  .filter((e) => e.getClientRects().length > 0
					      && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
					  .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
					      + (typeof e.className === 'string' && e.className ? '.' + e.className : ''));""", selector);
		}
		finally {
			chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	/** An axe-core scan of the page as it is now. */
	void assertNoAccessibilityViolations(String page) {
		Results results = new AxeBuilder().analyze(driver);
		List<Rule> violations = results.getViolations();
		assertThat(violations).as(page + ": " + violations.stream()
			.map((v) -> v.getId() + " " + v.getHelp() + " " + v.getNodes().stream()
				.map((n) -> String.valueOf(n.getTarget()))
				.collect(Collectors.joining(", ")))
			.collect(Collectors.joining("; "))).isEmpty();
	}

	/** The browser console reported no Content-Security-Policy violation since the last look. */
	void assertNoCspViolations() {
		assertThat(cspViolations()).isEmpty();
	}

	/** The browser console's Content-Security-Policy refusals since the last look. */
	List<String> cspViolations() {
		return driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((m) -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
			.toList();
	}

}
