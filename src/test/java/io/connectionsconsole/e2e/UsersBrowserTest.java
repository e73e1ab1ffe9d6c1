package io.connectionsconsole.e2e;

import org.junit.jupiter.api.Test;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.e2e.pages.AddUserPage;
import io.connectionsconsole.e2e.pages.ConnectedAccountsPage;
import io.connectionsconsole.e2e.pages.LoginPage;
import io.connectionsconsole.e2e.pages.PasswordPage;
import io.connectionsconsole.e2e.pages.UserPage;
import io.connectionsconsole.e2e.pages.UsersPage;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/** The Users pages and Your password in headless Chromium, with htmx: every change in place, no axe-core violation. */
class UsersBrowserTest extends BrowserTestBase {

	@Test
	void anAdministratorAddsAUserChangesTheirRoleAndDisablesAndEnablesThem() {
		Caller admin = testAccounts.newAdmin();
		String username = "browser-" + System.nanoTime();
		signIn(admin);

		UsersPage users = UsersPage.openFromTopBar(driver);
		assertNoAccessibilityViolations("Users");
		AddUserPage form = users.addUser().username(username).role("Read-only").password("too-short");
		form = form.submitExpectingErrors();
		assertThat(form.error("password")).contains("at least 12 characters");
		assertThat(form.typedPassword()).isEmpty();
		assertNoAccessibilityViolations("Add user with an error");

		users = form.password("long-enough-password").submit();
		assertThat(users.flash()).isEqualTo("User " + username + " was added. Give them their user name and initial "
				+ "password.");
		assertThat(users.usernames()).contains(admin.username(), username);
		assertThat(users.role(username)).isEqualTo("Read-only");

		UserPage user = users.open(username);
		assertThat(user.username()).isEqualTo(username);
		assertNoAccessibilityViolations("A user's page");
		users = user.changeRole("Administrator");
		assertThat(users.role(username)).isEqualTo("Administrator");

		users = users.open(username).disable();
		assertThat(users.flash()).startsWith("User " + username + " was disabled");
		assertThat(users.status(username)).isEqualTo("Disabled");
		users = users.open(username).enable();
		assertThat(users.status(username)).isEqualTo("Enabled");
		assertNoCspViolations();
	}

	@Test
	void aReadOnlyUserChangesTheirPasswordFromTheUserMenuAndSignsInWithIt() {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		signIn(reader);

		PasswordPage page = PasswordPage.openFromUserMenu(driver);
		assertNoAccessibilityViolations("Your password");
		page = page.change("not-the-password", "a-brand-new-password", "a-brand-new-password");
		assertThat(page.error("currentPassword")).isEqualTo("The current password is not correct.");
		page = page.change(TestAccounts.PASSWORD, "a-brand-new-password", "a-brand-new-password");
		assertThat(page.flash()).isEqualTo("Your password was changed. Your other sessions were signed out.");

		LoginPage login = page.signOut();
		ConnectedAccountsPage signedIn = login.signIn(reader.username(), "a-brand-new-password");
		assertThat(signedIn.region()).isEqualTo("us-east-1");
		assertNoCspViolations();
	}

}
