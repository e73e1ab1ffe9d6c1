package io.connectionsconsole.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** The sign-in form and a disabled user: refused with the right password, as any failed sign-in is. */
@ConsoleTest
@AutoConfigureMockMvc
class DisabledUserSignInTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	UserService users;

	@Test
	void aDisabledUserCanNotSignInUntilEnabledAgain() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller user = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		users.disable(admin, user.userId());

		mvc.perform(formLogin().user(user.username()).password(TestAccounts.PASSWORD))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?error"));

		users.enable(admin, user.userId());

		mvc.perform(formLogin().user(user.username()).password(TestAccounts.PASSWORD)).andExpect(authenticated());
	}

}
