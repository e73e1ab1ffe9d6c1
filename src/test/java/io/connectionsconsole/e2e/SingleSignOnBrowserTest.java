package io.connectionsconsole.e2e;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.support.FakeIdentityProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with the company's identity provider in Chromium: the sign-in page's button, the provider's page, back to
 * Connected accounts as the user the provider's groups made; signing out ends the session at the provider too.
 */
@ContextConfiguration(initializers = FakeIdentityProvider.Initializer.class)
class SingleSignOnBrowserTest extends BrowserTestBase {

	private final FakeIdentityProvider idp = FakeIdentityProvider.get();

	private void waitFor(Function<WebDriver, Boolean> condition) {
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition::apply);
	}

	@Test
	void aPersonSignsInWithTheIdentityProviderAndSignsOutOfItToo() {
		String subject = "sub-" + UUID.randomUUID();
		idp.nextSignIn(subject, "browser." + subject.substring(4, 12), List.of("console-readers"));

		driver.get(baseUrl() + "/login");
		assertNoAccessibilityViolations("Sign in with an identity provider");
		driver.findElement(By.id("sign-in-with-corp")).click();
		waitFor((d) -> d.getCurrentUrl().startsWith(idp.issuer() + "/authorize"));
		driver.findElement(By.id("idp-sign-in")).click();

		ConnectedAccountsPage page = ConnectedAccountsPage.at(driver);
		assertThat(driver.findElement(By.tagName("body")).getText()).contains("browser." + subject.substring(4, 12));
		assertThat(page.hasActions()).as("a Read-only user").isFalse();

		driver.findElement(By.id("sign-out")).click();
		waitFor((d) -> d.getCurrentUrl().startsWith(idp.issuer() + "/end_session"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Signed out of Corp SSO");
		driver.get(baseUrl() + "/connections");
		waitFor((d) -> d.getTitle().startsWith("Sign in"));
	}

}
