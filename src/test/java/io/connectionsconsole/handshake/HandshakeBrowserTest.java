package io.connectionsconsole.handshake;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The handshake in headless Chromium: the console's form post, the redirect to the fake provider's page on
 * another origin (which a content security policy with {@code form-action} would block), the click on
 * Authorize or Cancel, and the flash back on Connected accounts. Skipped where Chromium isn't installed,
 * unless {@code -Dbrowser.required=true}.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class HandshakeBrowserTest {

	private static final Path CHROMIUM = Path.of(setting("browser.chromium", "CHROMIUM_BINARY", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(setting("browser.chromedriver", "CHROMEDRIVER", "/usr/bin/chromedriver"));

	private static WebDriver driver;

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	FakeProviders fake = FakeProviders.get();

	Caller caller;

	private static String setting(String property, String environment, String fallback) {
		String value = System.getProperty(property, System.getenv(environment));
		return value == null || value.isBlank() ? fallback : value;
	}

	@BeforeAll
	static void startBrowser() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && Boolean.getBoolean("browser.required")) {
			fail("browser.required is set, but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
		}
		if (!installed) {
			return;
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	@BeforeEach
	void signIn() {
		assumeTrue(driver != null, "Chromium or chromedriver not installed at " + CHROMIUM + " / " + CHROMEDRIVER
				+ ": browser test skipped");
		fake.reset();
		driver.manage().deleteAllCookies();
		caller = testAccounts.newAdmin();
		driver.get(url("/login"));
		driver.findElement(By.name("username")).sendKeys(caller.username());
		driver.findElement(By.name("password")).sendKeys(TestAccounts.PASSWORD);
		driver.findElement(By.id("sign-in")).click();
		waitFor(By.id("connections"));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private Connection connection(String name, ProviderType type) {
		return connections.create(caller, regions.require("us-east-1"), ConnectionName.of(name), type, Tags.none());
	}

	/**
	 * Posts Complete handshake from the Connected accounts page, with the page's CSRF token, as the form in the
	 * page's Actions menu does.
	 */
	private void completeHandshake(Connection connection) {
		driver.get(url("/connections?region=us-east-1"));
		waitFor(By.id("row-" + connection.name().value()));
		((JavascriptExecutor) driver).executeScript("""
				const token = Object.values(JSON.parse(document.body.getAttribute('hx-headers')))[0];
				const form = document.createElement('form');
				form.method = 'post';
				form.action = arguments[0];
				const csrf = document.createElement('input');
				csrf.type = 'hidden';
				csrf.name = '_csrf';
				csrf.value = token;
				form.appendChild(csrf);
				document.body.appendChild(form);
				form.submit();""", "/connections/" + connection.id().value() + "/handshake");
	}

	/** The fake provider's authorize page, on the fake's own origin. */
	private void onTheProvidersPage(String provider) {
		waitFor(By.id("authorize"));
		assertThat(driver.getCurrentUrl()).startsWith(fake.baseUrl() + "/" + provider + "/");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Authorize Connections Console");
	}

	private String flash(String type) {
		return waitFor(By.id("flash-" + type)).getText();
	}

	private WebElement waitFor(By element) {
		return new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(element));
	}

	@Test
	void aUserCompletesTheGitHubHandshakeInTheBrowser() {
		Connection connection = connection("browser-github", ProviderType.GITHUB);

		completeHandshake(connection);
		onTheProvidersPage("github");
		driver.findElement(By.id("authorize")).click();

		assertThat(flash("success")).contains("Connection browser-github is available");
		assertThat(driver.getCurrentUrl()).isEqualTo(url("/connections?region=us-east-1"));
		assertThat(driver.findElement(By.id("row-browser-github")).getText()).contains("Available");
		assertThat(connections.get(caller, connection.id()).providerAccount().login()).isEqualTo("octo-fake");
	}

	@Test
	void aUserCompletesTheBitbucketHandshakeInTheBrowser() {
		Connection connection = connection("browser-bitbucket", ProviderType.BITBUCKET);

		completeHandshake(connection);
		onTheProvidersPage("bitbucket");
		driver.findElement(By.id("authorize")).click();

		assertThat(flash("success")).contains("Connection browser-bitbucket is available");
		assertThat(driver.findElement(By.id("row-browser-bitbucket")).getText()).contains("Available");
		assertThat(connections.credentialsForCheck(caller, connection.id()).tokens().refreshToken()).isNotNull();
	}

	@Test
	void aUserWhoCancelsAtTheProviderIsToldSoAndTheConnectionStaysPending() {
		Connection connection = connection("browser-cancel", ProviderType.GITHUB);

		completeHandshake(connection);
		onTheProvidersPage("github");
		driver.findElement(By.id("cancel")).click();

		assertThat(flash("error")).contains("The handshake of browser-cancel was cancelled at the provider");
		assertThat(driver.findElement(By.id("row-browser-cancel")).getText()).contains("Pending handshake");
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

}
