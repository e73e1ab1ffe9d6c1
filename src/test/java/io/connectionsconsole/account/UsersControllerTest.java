package io.connectionsconsole.account;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.SignInRequests;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The Users pages: what administrators change there, every refusal at its field, and nothing for read-only users. */
@ConsoleTest
@AutoConfigureMockMvc
class UsersControllerTest {

	private static final String PASSWORD = "initial-password-12";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	AuditLog audit;

	@Autowired
	UserService users;

	private UserRecord record(Caller caller) {
		return accounts.findUser(caller.userId()).orElseThrow();
	}

	private boolean signsInWith(String username, String password) {
		return accounts.findForSignIn(username)
			.filter(ConsoleUser::isEnabled)
			.filter((user) -> passwordEncoder.matches(password, user.getPassword()))
			.isPresent();
	}

	@Test
	void anAdministratorSeesTheUsersWithTheirRoleAndStatusAndLinksToEachButTheirOwn() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		mvc.perform(get("/settings/users").with(testAccounts.signedIn(admin)))
			.andExpect(status().isOk())
			.andExpect(view().name(UsersController.VIEW_LIST))
			.andExpect(content().string(containsString("id=\"add-user\" href=\"/settings/users/new\"")))
			.andExpect(content().string(containsString("id=\"manage-" + reader.userId() + "\"")))
			.andExpect(content().string(containsString("href=\"/settings/users/" + reader.userId() + "\"")))
			.andExpect(content().string(not(containsString("href=\"/settings/users/" + admin.userId() + "\""))))
			.andExpect(content().string(containsString("You: change your password")))
			.andExpect(content().string(containsString("Read-only")))
			.andExpect(content().string(containsString("Enabled")))
			.andExpect(content().string(containsString("(2)")));
	}

	@Test
	void anAdministratorAddsAUserWhoThenSignsIn() throws Exception {
		Caller admin = testAccounts.newAdmin();
		String username = "new-" + System.nanoTime();

		mvc.perform(post("/settings/users").param("username", username)
			.param("role", "READ_ONLY")
			.param("password", PASSWORD)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(redirectedUrl("/settings/users"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.user.added", username)));

		assertThat(signsInWith(username, PASSWORD)).isTrue();
		assertThat(accounts.usersOf(admin.accountId())).filteredOn((u) -> u.username().equals(username))
			.singleElement()
			.satisfies((added) -> assertThat(added.role()).isEqualTo(Role.READ_ONLY));
		assertThat(audit.latest(admin.accountId().value(), 1)).extracting(AuditEvent::action).containsExactly("AddUser");
	}

	@Test
	void eachBrokenRuleOfANewUserIsShownAtItsFieldWithoutThePasswordAndNothingIsStored() throws Exception {
		Caller admin = testAccounts.newAdmin();
		String secret = "secret-typed-by-the-admin";

		mvc.perform(post("/settings/users").param("username", "ab").param("role", "ADMIN").param("password", secret)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name(UsersController.VIEW_NEW))
			.andExpect(model().attributeHasFieldErrors("form", "username"))
			.andExpect(content().string(containsString("id=\"username-error\"")))
			.andExpect(content().string(containsString("3 to 64 characters")))
			.andExpect(content().string(containsString("value=\"ab\"")))
			.andExpect(content().string(not(containsString(secret))));
		mvc.perform(post("/settings/users").param("username", "long-enough").param("role", "ROOT")
			.param("password", secret)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "role"))
			.andExpect(content().string(containsString("id=\"role-error\"")))
			.andExpect(content().string(containsString("Choose a role.")))
			// each radio, where focus lands, is read with the error
			.andExpect(content().string(matchesPattern("(?s).*id=\"role-ADMIN\" value=\"ADMIN\"\\s+aria-invalid=\"true\""
					+ "\\s+aria-describedby=\"role-ADMIN-hint role-error\".*")))
			.andExpect(content().string(matchesPattern("(?s).*value=\"READ_ONLY\"\\s+aria-invalid=\"true\""
					+ "\\s+aria-describedby=\"role-READ_ONLY-hint role-error\".*")))
			.andExpect(content().string(containsString("value=\"long-enough\"")))
			.andExpect(content().string(not(containsString("checked"))))
			.andExpect(content().string(not(containsString(secret))));
		mvc.perform(post("/settings/users").param("username", "a\u200Eb").param("role", "").param("password", "short")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "username", "role", "password"))
			.andExpect(model().attributeErrorCount("form", 3));
		mvc.perform(post("/settings/users").param("username", "long-enough").param("role", "ADMIN")
			.param("password", "short")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "password"))
			.andExpect(content().string(containsString("id=\"password-error\"")))
			.andExpect(content().string(containsString("at least 12 characters")));
		mvc.perform(post("/settings/users").param("username", admin.username()).param("role", "ADMIN")
			.param("password", secret)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "username"))
			.andExpect(content().string(containsString("already exists")));

		assertThat(accounts.usersOf(admin.accountId())).hasSize(1);
	}

	@Test
	void aNewUserNameThatDiffersFromAnotherByCaseAloneOrHasAnInvisibleCharacterIsRefusedAtItsField() throws Exception {
		Caller admin = testAccounts.newAdmin();

		mvc.perform(post("/settings/users").param("username", admin.username().toUpperCase(Locale.ROOT))
			.param("role", "ADMIN")
			.param("password", PASSWORD)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "username"))
			.andExpect(content().string(containsString("A user named &#39;" + admin.username()
					+ "&#39; already exists; user names can&#39;t differ by case alone.")));
		mvc.perform(post("/settings/users").param("username", "ali\u200Bce")
			.param("role", "ADMIN")
			.param("password", PASSWORD)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "username"))
			.andExpect(content().string(containsString("User name &#39;ali\\u200Bce&#39; contains the invisible "
					+ "formatting character U+200B at position 4")));

		assertThat(accounts.usersOf(admin.accountId())).hasSize(1);
	}

	@Test
	void anAdministratorClearsAUserNamesSignInThrottleAndTheAuditTrailSaysSo() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller locked = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		String address = SignInRequests.newAddress();
		for (int i = 0; i < 5; i++) {
			mvc.perform(SignInRequests.signIn(locked.username(), "guess-" + i, address));
		}
		mvc.perform(SignInRequests.signIn(locked.username(), TestAccounts.PASSWORD, address))
			.andExpect(redirectedUrl("/login?throttled=15"));

		mvc.perform(get("/settings/users/{id}", locked.userId()).with(testAccounts.signedIn(admin)))
			.andExpect(content().string(containsString(
					"action=\"/settings/users/" + locked.userId() + "/sign-in-throttle/clear\"")));
		mvc.perform(post("/settings/users/{id}/sign-in-throttle/clear", locked.userId())
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(redirectedUrl("/settings/users"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.user.signInThrottleCleared", locked.username())));

		mvc.perform(SignInRequests.signIn(locked.username(), TestAccounts.PASSWORD, address))
			.andExpect(authenticated().withUsername(locked.username()));
		assertThat(audit.latest(admin.accountId().value(), 2)).extracting(AuditEvent::action)
			.containsExactly("SignIn", "ClearSignInThrottle");
		assertThat(audit.latest(admin.accountId().value(), 2).getLast()).satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(admin.username());
			assertThat(event.resource()).isEqualTo(locked.username());
		});
	}

	@Test
	void anAdministratorChangesARoleAndIsToldWhenItWasTheSame() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		mvc.perform(get("/settings/users/{id}", reader.userId()).with(testAccounts.signedIn(admin)))
			.andExpect(status().isOk())
			.andExpect(view().name(UsersController.VIEW_USER))
			.andExpect(content().string(containsString("aria-describedby=\"role-READ_ONLY-hint\" checked=\"checked\"")));
		mvc.perform(post("/settings/users/{id}/role", reader.userId()).param("role", "ADMIN")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(redirectedUrl("/settings/users"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.user.roleChanged", reader.username())));
		assertThat(record(reader).role()).isEqualTo(Role.ADMIN);

		mvc.perform(post("/settings/users/{id}/role", reader.userId()).param("role", "ADMIN")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("info", "flash.user.roleUnchanged", reader.username())));
		mvc.perform(post("/settings/users/{id}/role", reader.userId()).param("role", "")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("roleForm", "role"));
		assertThat(audit.latest(admin.accountId().value(), 5)).extracting(AuditEvent::action)
			.containsExactly("ChangeUserRole");
	}

	@Test
	void anAdministratorDisablesAndEnablesAUser() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.ADMIN);

		mvc.perform(post("/settings/users/{id}/disable", user.userId()).with(testAccounts.signedIn(admin)).with(csrf()))
			.andExpect(redirectedUrl("/settings/users"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.user.disabled", user.username())));
		assertThat(record(user).enabled()).isFalse();
		mvc.perform(get("/settings/users").with(testAccounts.signedIn(admin)))
			.andExpect(content().string(containsString("status status-disabled")));
		mvc.perform(get("/settings/users/{id}", user.userId()).with(testAccounts.signedIn(admin)))
			.andExpect(content().string(containsString("id=\"enable-submit\"")))
			.andExpect(content().string(not(containsString("id=\"disable-submit\""))));

		mvc.perform(post("/settings/users/{id}/enable", user.userId()).with(testAccounts.signedIn(admin)).with(csrf()))
			.andExpect(redirectedUrl("/settings/users"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.user.enabled", user.username())));
		assertThat(record(user).enabled()).isTrue();
	}

	@Test
	void disablingOrEnablingAgainSaysNothingChangedAndWritesNoEvent() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		mvc.perform(post("/settings/users/{id}/disable", user.userId()).with(testAccounts.signedIn(admin)).with(csrf()))
			.andExpect(redirectedUrl("/settings/users"));

		mvc.perform(post("/settings/users/{id}/disable", user.userId()).with(testAccounts.signedIn(admin)).with(csrf()))
			.andExpect(redirectedUrl("/settings/users"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("info", "flash.user.disabledAlready", user.username())));
		mvc.perform(post("/settings/users/{id}/enable", admin.userId()).with(testAccounts.signedIn(admin)).with(csrf()))
			.andExpect(redirectedUrl("/settings/users"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("info", "flash.user.enabledAlready", admin.username())));

		assertThat(record(user).enabled()).isFalse();
		assertThat(audit.latest(admin.accountId().value(), 5)).extracting(AuditEvent::action)
			.containsExactly("DisableUser");
	}

	@Test
	void anAdministratorsOwnPageHasNoControlsAndRefusesWhatIsPostedToIt() throws Exception {
		Caller admin = testAccounts.newAdmin();
		testAccounts.newUser(admin.accountId(), Role.ADMIN);

		mvc.perform(get("/settings/users/{id}", admin.userId()).with(testAccounts.signedIn(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"own-password\" href=\"/settings/password\"")))
			.andExpect(content().string(not(containsString("role-form"))))
			.andExpect(content().string(not(containsString("disable-form"))))
			.andExpect(content().string(not(containsString("reset-form"))));
		mvc.perform(post("/settings/users/{id}/disable", admin.userId())
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"form-error\"")))
			.andExpect(content().string(containsString("You can&#39;t disable your own user")));
		mvc.perform(post("/settings/users/{id}/role", admin.userId()).param("role", "READ_ONLY")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You can&#39;t change your own role")));
		// a role that is none, which a form of another user's page would show at its field: said here too
		mvc.perform(post("/settings/users/{id}/role", admin.userId()).param("role", "ROOT")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"form-error\"")))
			.andExpect(content().string(containsString("You can&#39;t change your own role")));

		assertThat(record(admin).enabled()).isTrue();
		assertThat(record(admin).role()).isEqualTo(Role.ADMIN);
	}

	/**
	 * A form posted in place and refused is shown again where it was: htmx would push the address it posted to, which a
	 * reload or Back then asks for with a GET no page answers.
	 */
	@Test
	void aFormRefusedInPlaceKeepsTheAddressItWasAt() throws Exception {
		Caller admin = testAccounts.newAdmin();

		mvc.perform(post("/settings/users").param("username", "ab").param("role", "ADMIN").param("password", "short")
			.header("HX-Request", "true")
			.header("HX-Boosted", "true")
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Push-Url", "false"));
	}

	/** A user of an identity provider has no password to reset, and their page no reset form to show a refusal at. */
	@Test
	void aPasswordResetOfAUserOfAnIdentityProviderIsRefusedAboveThePage() throws Exception {
		Caller admin = testAccounts.newAdmin();
		ConsoleUser corp = users.signInThrough(new IdentitySignIn("corp", admin.accountId(),
				"subject-" + System.nanoTime(), "corp-person-" + System.nanoTime(), Role.READ_ONLY));

		mvc.perform(post("/settings/users/{id}/password", corp.id()).param("newPassword", PASSWORD)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"form-error\"")))
			.andExpect(content().string(containsString("signs in through identity provider")));
		assertThat(signsInWith(corp.getUsername(), PASSWORD)).isFalse();
	}

	@Test
	void anAdministratorResetsAPasswordWhichFollowsTheRulesAndIsNeverShownBack() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		mvc.perform(post("/settings/users/{id}/password", user.userId()).param("newPassword", user.username())
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("resetForm", "newPassword"))
			.andExpect(content().string(containsString("id=\"newPassword-error\"")))
			.andExpect(content().string(containsString("must not be the user name")))
			.andExpect(content().string(not(containsString("value=\"" + user.username() + "\""))));
		assertThat(signsInWith(user.username(), TestAccounts.PASSWORD)).isTrue();

		mvc.perform(post("/settings/users/{id}/password", user.userId()).param("newPassword", PASSWORD)
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(redirectedUrl("/settings/users"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.user.passwordReset", user.username())));
		assertThat(signsInWith(user.username(), PASSWORD)).isTrue();
	}

	@Test
	void readOnlyUsersSeeNoUsersControlsAndAreRefusedEveryChange() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		Caller other = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		mvc.perform(get("/connections").param("region", "us-east-1").with(testAccounts.signedIn(reader)))
			.andExpect(content().string(not(containsString("href=\"/settings/users\""))))
			.andExpect(content().string(containsString("id=\"your-password\"")));
		mvc.perform(get("/settings/users").with(testAccounts.signedIn(reader))).andExpect(status().isForbidden());
		mvc.perform(get("/settings/users/new").with(testAccounts.signedIn(reader))).andExpect(status().isForbidden());
		mvc.perform(get("/settings/users/{id}", other.userId())
			.with(testAccounts.signedIn(reader)))
			.andExpect(status().isForbidden());
		mvc.perform(post("/settings/users").param("username", "sneaky-user")
			.param("role", "ADMIN")
			.param("password", PASSWORD)
			.with(testAccounts.signedIn(reader))
			.with(csrf())).andExpect(status().isForbidden());
		// a form with mistakes is refused as such, not answered with the administrator's form and its field errors
		mvc.perform(post("/settings/users").param("username", "")
			.with(testAccounts.signedIn(reader))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/settings/users/{id}/role", reader.userId()).param("role", "ADMIN")
			.with(testAccounts.signedIn(reader))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/settings/users/{id}/disable", other.userId())
			.with(testAccounts.signedIn(reader))
			.with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/settings/users/{id}/password", other.userId()).param("newPassword", PASSWORD)
			.with(testAccounts.signedIn(reader))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/settings/users/{id}/sign-in-throttle/clear", other.userId())
			.with(testAccounts.signedIn(reader))
			.with(csrf()))
			.andExpect(status().isForbidden());

		assertThat(record(reader).role()).isEqualTo(Role.READ_ONLY);
		assertThat(record(other).enabled()).isTrue();
		assertThat(accounts.usersOf(admin.accountId())).hasSize(3);
		assertThat(audit.latest(admin.accountId().value(), 5)).isEmpty();
	}

	@Test
	void anotherAccountsUserIsNotFoundAndChangesWithoutTheCsrfTokenAreRefused() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller stranger = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		mvc.perform(get("/settings/users/{id}", stranger.userId())
			.with(testAccounts.signedIn(admin)))
			.andExpect(status().isNotFound());
		mvc.perform(post("/settings/users/{id}/disable", stranger.userId())
			.with(testAccounts.signedIn(admin))
			.with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/settings/users/{id}/disable", user.userId()).with(testAccounts.signedIn(admin)))
			.andExpect(status().isForbidden());

		assertThat(record(stranger).enabled()).isTrue();
		assertThat(record(user).enabled()).isTrue();
	}

	@Test
	void htmxGetsOnlyThePageWithItsTitleWhileABrowserGetsTheWholePage() throws Exception {
		Caller admin = testAccounts.newAdmin();

		mvc.perform(get("/settings/users/new").with(testAccounts.signedIn(admin)).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<title>Add user | Connections Console</title><div id=\"page\"")))
			.andExpect(content().string(containsString("id=\"add-user-form\"")))
			.andExpect(content().string(containsString("id=\"top-nav\" hx-swap-oob=\"true\"")))
			.andExpect(content().string(not(containsString("id=\"main\""))));
		mvc.perform(get("/settings/users/new").with(testAccounts.signedIn(admin)))
			.andExpect(view().name(UsersController.VIEW_NEW))
			.andExpect(content().string(containsString("top-nav")));
		mvc.perform(post("/settings/users").param("username", "x")
			.param("role", "ADMIN")
			.param("password", PASSWORD)
			.with(testAccounts.signedIn(admin))
			.with(csrf())
			.header("HX-Request", "true"))
			.andExpect(view().name(UsersController.VIEW_NEW))
			.andExpect(content().string(containsString("<title>Add user | Connections Console</title>")))
			.andExpect(content().string(containsString("id=\"username-error\"")))
			.andExpect(content().string(containsString("id=\"top-nav\" hx-swap-oob=\"true\"")))
			.andExpect(content().string(not(containsString("id=\"main\""))));
	}

}
