package io.connectionsconsole.e2e.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub App mode's choice of an installation, after the user authorized the app: a Use installation button for
 * each installation their GitHub account can use, and Install on another account, which opens GitHub.
 */
public class InstallationPage {

	private final WebDriver driver;

	InstallationPage(WebDriver driver) {
		this.driver = driver;
	}

	public static InstallationPage at(WebDriver driver) {
		Waits.settled(driver);
		Waits.until(driver, (d) -> !d.findElements(By.id("installations")).isEmpty());
		return new InstallationPage(driver);
	}

	public String heading() {
		return driver.findElement(By.id("installation-heading")).getText();
	}

	/** The texts of the Use installation buttons, in the page's order. */
	public List<String> choices() {
		return driver.findElements(By.cssSelector("#installations button[type=submit]"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	public ConnectedAccountsPage use(String account) {
		WebElement button = driver.findElements(By.cssSelector("#installations button[type=submit]"))
			.stream()
			.filter((candidate) -> candidate.getText().equals("Use installation " + account))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No Use installation " + account + " on " + choices()));
		button.click();
		return ConnectedAccountsPage.at(driver);
	}

	/** Follows Install on another account to GitHub's install page of the app. */
	public GitHubInstallPage installOnAnotherAccount(String gitHubUrl) {
		driver.findElement(By.id("install-elsewhere")).click();
		Waits.until(driver, (d) -> d.getCurrentUrl().startsWith(gitHubUrl));
		assertThat(driver.getCurrentUrl()).contains("/installations/new?state=");
		return new GitHubInstallPage(driver);
	}

	/** GitHub's page that installs the app on an account, then sends the user to the app's Setup URL. */
	public static final class GitHubInstallPage {

		private final WebDriver driver;

		GitHubInstallPage(WebDriver driver) {
			this.driver = driver;
		}

		public ConnectedAccountsPage install() {
			driver.findElement(By.id("install")).click();
			return ConnectedAccountsPage.at(driver);
		}

	}

}
