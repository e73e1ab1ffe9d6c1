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
import io.connectionsconsole.support.FakeProviders;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * *Hosts* in headless Chromium: an administrator opens it from the top bar, is refused at the field for a server that
 * answers as the other kind, creates the host, sees it available with its ARN, and deletes it; no axe-core violation.
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
	void anAdministratorCreatesAGitHubEnterpriseHostAfterARefusalAndDeletesIt() {
		FakeProviders fake = FakeProviders.get();
		fake.server().stubFor(get(urlPathEqualTo("/browser-ghe/api/v3/meta"))
			.willReturn(okJson("{\"installed_version\":\"3.15.0\"}")));
		fake.server().stubFor(get(urlPathEqualTo("/browser-gitlab/api/v4/version"))
			.willReturn(okJson("{\"version\":\"17.6.1\"}")));
		Caller admin = testAccounts.newAdmin();
		signIn(admin);

		driver.findElement(By.linkText("Hosts")).click();
		assertThat(await("hosts-empty").getText()).contains("No hosts");
		assertNoAccessibilityViolations("Hosts");
		driver.findElement(By.id("create-host")).click();
		fill("name", "corp-ghe");
		driver.findElement(By.id("providerType-GITHUB_ENTERPRISE_SERVER")).click();
		fill("url", fake.baseUrl() + "/browser-gitlab");
		driver.findElement(By.id("forTesting")).click();
		fill("clientId", "Iv1.enterprise");
		fill("clientSecret", "enterprise-client-secret");
		driver.findElement(By.id("host-submit")).click();

		assertThat(await("providerType-error").getText())
			.contains("answers as GitLab self-managed, not as GitHub Enterprise Server");
		assertThat(driver.findElement(By.id("clientSecret")).getDomProperty("value")).as("never written back").isEmpty();
		assertNoAccessibilityViolations("Create host with an error");

		fill("url", fake.baseUrl() + "/browser-ghe");
		fill("clientSecret", "enterprise-client-secret");
		driver.findElement(By.id("host-submit")).click();

		assertThat(await("host-heading").getText()).isEqualTo("corp-ghe");
		assertThat(driver.findElement(By.id("host-status")).getText()).isEqualTo("Available");
		assertThat(driver.findElement(By.id("host-arn")).getText())
			.matches("arn:aws:apprunner:us-east-1:" + admin.accountId().value() + ":host/corp-ghe/[0-9a-f]{32}");
		assertThat(driver.getPageSource()).doesNotContain("enterprise-client-secret");
		assertNoAccessibilityViolations("A host");

		fill("confirm", "delete");
		driver.findElement(By.id("delete-submit")).click();
		assertThat(await("hosts-empty").getText()).contains("No hosts");
		assertNoCspViolations();
	}

}
