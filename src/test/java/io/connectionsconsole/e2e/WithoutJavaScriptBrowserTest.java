package io.connectionsconsole.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.e2e.pages.DeleteDialog;
import io.connectionsconsole.support.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same console in a Chromium that runs no script: every action works through plain forms. Sessions (and the
 * flash messages that cross each redirect) are kept in the database, as in every test.
 */
class WithoutJavaScriptBrowserTest extends BrowserTestBase {

	@Autowired
	JdbcClient jdbc;

	@Override
	boolean javascript() {
		return false;
	}

	@Test
	void createSelectFilterAndDeleteWorkWithPlainFormsAndRedirects() {
		Caller caller = testAccounts.newAdmin();
		connections.create(caller, regions.require("us-east-2"), ConnectionName.of("other-one"), ProviderType.GITHUB,
				Tags.none());

		ConnectedAccountsPage page = signIn(caller).switchRegion("us-east-2");
		assertThat(page.names()).containsExactly("other-one");

		page = page.addConnection().name("plain-form").provider("Bitbucket").submit();
		assertThat(page.flash()).contains("Connection plain-form was added");
		assertThat(page.names()).containsExactly("other-one", "plain-form");

		page = page.filter("plain");
		assertThat(page.names()).containsExactly("plain-form");

		assertThat(sessionsInTheDatabase()).isOne();
		DeleteDialog confirmation = page.select("plain-form").delete();
		assertThat(confirmation.isModal()).isFalse();
		screenshot("delete-confirmation-without-javascript");
		page = confirmation.type("delete").confirm();
		assertThat(page.flash()).isEqualTo("Connection plain-form was deleted.");
		assertThat(page.isEmptyState()).as("the filtered list, which nothing matches any more").isTrue();
		assertThat(page.filter("").names()).containsExactly("other-one");
	}

	/** The rows of the browser's session, stored under the SHA-256 of the ID that its cookie carries. */
	private long sessionsInTheDatabase() {
		Cookie cookie = driver.manage().getCookieNamed("SESSION");
		assertThat(cookie).as("a database session's cookie").isNotNull();
		return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = :hash")
			.param("hash", SessionIds.sha256(SessionIds.fromCookie(cookie.getValue())))
			.query(Long.class)
			.single();
	}

}
