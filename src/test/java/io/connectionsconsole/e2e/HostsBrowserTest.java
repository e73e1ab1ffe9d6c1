package io.connectionsconsole.e2e;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.ConnectionQuery;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.support.FakeProviders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * *Hosts* in headless Chromium: an administrator opens it from the top bar, is refused at the field for a server that
 * answers as the other kind, creates a GitHub Enterprise Server host (the fake one at {@code /enterprise}), sees it
 * available with its ARN, connects through it with the whole handshake, and deletes the host once its connection is
 * gone; no axe-core violation.
 */
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class HostsBrowserTest extends BrowserTestBase {

	/** The element, once the page that has it has loaded (a click may load it through htmx). */
	private WebElement await(String id) {
		return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
	}

	private void fill(String id, String value) {
		WebElement field = await(id);
		field.clear();
		field.sendKeys(value);
	}

	@Test
	void anAdministratorCreatesAGitHubEnterpriseHostConnectsThroughItAndDeletesIt() {
		FakeProviders fake = FakeProviders.get();
		Caller admin = testAccounts.newAdmin();
		signIn(admin);

		driver.findElement(By.linkText("Hosts")).click();
		assertThat(await("hosts-empty").getText()).contains("No hosts");
		assertNoAccessibilityViolations("Hosts");
		driver.findElement(By.id("create-host")).click();
		fill("name", "corp-ghe");
		driver.findElement(By.id("providerType-GITHUB_ENTERPRISE_SERVER")).click();
		fill("url", fake.baseUrl() + "/selfmanaged");
		driver.findElement(By.id("forTesting")).click();
		fill("clientId", FakeProviders.ENTERPRISE_CLIENT_ID);
		fill("clientSecret", FakeProviders.ENTERPRISE_CLIENT_SECRET);
		driver.findElement(By.id("host-submit")).click();

		assertThat(await("providerType-error").getText())
			.contains("answers as GitLab self-managed, not as GitHub Enterprise Server");
		assertThat(driver.findElement(By.id("clientSecret")).getDomProperty("value")).as("never written back").isEmpty();
		assertNoAccessibilityViolations("Create host with an error");

		fill("url", fake.baseUrl() + "/enterprise");
		fill("clientSecret", FakeProviders.ENTERPRISE_CLIENT_SECRET);
		driver.findElement(By.id("host-submit")).click();

		assertThat(await("host-heading").getText()).isEqualTo("corp-ghe");
		assertThat(driver.findElement(By.id("host-status")).getText()).isEqualTo("Available");
		assertThat(driver.findElement(By.id("host-arn")).getText())
			.matches("arn:aws:apprunner:us-east-1:" + admin.accountId().value() + ":host/corp-ghe/[0-9a-f]{32}");
		assertThat(driver.getPageSource()).doesNotContain(FakeProviders.ENTERPRISE_CLIENT_SECRET);
		assertNoAccessibilityViolations("A host");
		String hostPage = driver.getCurrentUrl();

		driver.get(baseUrl() + "/connections?region=us-east-1");
		ConnectedAccountsPage list = ConnectedAccountsPage.at(driver)
			.addConnection()
			.name("ghe-through-host")
			.provider("corp-ghe (host, GitHub Enterprise Server)")
			.submit();
		list = list.select("ghe-through-host").completeHandshake(fake.baseUrl() + "/enterprise/").authorize();
		assertThat(list.status("ghe-through-host")).isEqualTo("Available");

		driver.get(hostPage);
		assertThat(await("host-connections").getText()).isEqualTo("ghe-through-host");
		connections.delete(admin, connections.list(admin, regions.require("us-east-1"), ConnectionQuery.all()).getFirst().id());
		driver.navigate().refresh();
		fill("confirm", "delete");
		driver.findElement(By.id("delete-submit")).click();
		assertThat(await("hosts-empty").getText()).contains("No hosts");
		assertNoCspViolations();
	}

}
