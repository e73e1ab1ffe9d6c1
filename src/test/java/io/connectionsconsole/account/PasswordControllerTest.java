package io.connectionsconsole.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Your password: every user changes their own, with the current one, and the new one follows the rules. */
@ConsoleTest
@AutoConfigureMockMvc
class PasswordControllerTest {

	private static final String NEW_PASSWORD = "my-new-password-1";

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

	private boolean signsInWith(Caller caller, String password) {
		return passwordEncoder.matches(password, accounts.passwordHash(caller.userId()));
	}

	private static MockHttpServletRequestBuilder change(String current, String next, String confirmation) {
		return post("/settings/password").param("currentPassword", current)
			.param("newPassword", next)
			.param("confirmPassword", confirmation);
	}

	@Test
	void aReadOnlyUserChangesTheirOwnPasswordFromTheUserMenu() throws Exception {
		Caller reader = testAccounts.newAccount(Role.READ_ONLY);
		RequestPostProcessor principal = user(testAccounts.principal(reader));

		mvc.perform(get("/settings/password").with(principal))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/settings/password\" id=\"your-password\"")))
			.andExpect(content().string(containsString("autocomplete=\"current-password\"")));
		mvc.perform(change(TestAccounts.PASSWORD, NEW_PASSWORD, NEW_PASSWORD).with(principal).with(csrf()))
			.andExpect(redirectedUrl("/settings/password"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.password.changed", null)));

		assertThat(signsInWith(reader, NEW_PASSWORD)).isTrue();
		assertThat(audit.latest(reader.accountId().value(), 1)).extracting(AuditEvent::action)
			.containsExactly("ChangePassword");
	}

	@Test
	void eachBrokenRuleIsShownAtItsFieldNoPasswordIsShownBackAndNothingChanges() throws Exception {
		Caller caller = testAccounts.newAdmin();
		RequestPostProcessor principal = user(testAccounts.principal(caller));

		mvc.perform(change("not-my-password", NEW_PASSWORD, NEW_PASSWORD).with(principal).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "currentPassword"))
			.andExpect(content().string(containsString("id=\"currentPassword-error\"")))
			.andExpect(content().string(containsString("The current password is not correct.")))
			.andExpect(content().string(not(containsString("not-my-password"))))
			.andExpect(content().string(not(containsString(NEW_PASSWORD))));
		mvc.perform(change(TestAccounts.PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x").with(principal).with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "confirmPassword"))
			.andExpect(content().string(containsString("The new password and its confirmation differ.")));
		mvc.perform(change(TestAccounts.PASSWORD, "eleven-char", "eleven-char").with(principal).with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "newPassword"))
			.andExpect(content().string(containsString("at least 12 characters")));
		mvc.perform(change(TestAccounts.PASSWORD, caller.username(), caller.username()).with(principal).with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "newPassword"))
			.andExpect(content().string(containsString("must not be the user name")));
		mvc.perform(change(TestAccounts.PASSWORD, NEW_PASSWORD, NEW_PASSWORD).with(principal))
			.andExpect(status().isForbidden());

		assertThat(signsInWith(caller, TestAccounts.PASSWORD)).isTrue();
		assertThat(audit.latest(caller.accountId().value(), 5)).extracting(AuditEvent::action)
			.containsExactly("ChangePasswordFailed");
	}

	@Test
	void afterFiveWrongCurrentPasswordsEvenTheRightOneIsRefusedForAWhileAndEachIsAudited() throws Exception {
		Caller caller = testAccounts.newAdmin();
		RequestPostProcessor principal = user(testAccounts.principal(caller));
		for (int i = 0; i < 5; i++) {
			mvc.perform(change("guess-" + i, NEW_PASSWORD, NEW_PASSWORD).with(principal).with(csrf()))
				.andExpect(content().string(containsString("The current password is not correct.")));
		}

		mvc.perform(change(TestAccounts.PASSWORD, NEW_PASSWORD, NEW_PASSWORD).with(principal).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "currentPassword"))
			.andExpect(content().string(containsString("Too many wrong current passwords. Try again in 15 minutes.")));

		assertThat(signsInWith(caller, TestAccounts.PASSWORD)).isTrue();
		assertThat(audit.latest(caller.accountId().value(), 10)).extracting(AuditEvent::action)
			.containsExactly("ChangePasswordThrottled", "ChangePasswordFailed", "ChangePasswordFailed",
					"ChangePasswordFailed", "ChangePasswordFailed", "ChangePasswordFailed");
	}

}
