package io.connectionsconsole.account;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.support.ConsoleWebMvcTest;
import io.connectionsconsole.web.Flash;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The Users pages alone, over a mocked {@link UserService}: the fast loop beside {@link UsersControllerTest}. */
@ConsoleWebMvcTest(UsersController.class)
class UsersControllerWebMvcTest {

	private static final AccountId ACCOUNT = AccountId.of("111122223333");

	private static final ConsoleUser ADMIN = new ConsoleUser(1, "ada", ACCOUNT, Role.ADMIN, null, true);

	private static final ConsoleUser READER = new ConsoleUser(2, "rita", ACCOUNT, Role.READ_ONLY, null, true);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	UserService users;

	private static RequestPostProcessor as(ConsoleUser user) {
		return user(user);
	}

	/** The Add user form as an administrator posts it. */
	private static MockHttpServletRequestBuilder addUser(String username, String role) {
		return post("/settings/users").param("username", username)
			.param("role", role)
			.param("password", "initial-password-12")
			.with(as(ADMIN))
			.with(csrf());
	}

	private static UserRecord record(ConsoleUser user) {
		return new UserRecord(user.id(), ACCOUNT, user.getUsername(), user.role(), true, null, Instant.EPOCH, null);
	}

	@Test
	void anAdministratorSeesTheAccountsUsersWithALinkToEachButTheirOwn() throws Exception {
		given(users.users(ADMIN.caller())).willReturn(List.of(record(ADMIN), record(READER)));

		mvc.perform(get("/settings/users").with(as(ADMIN)))
			.andExpect(status().isOk())
			.andExpect(view().name(UsersController.VIEW_LIST))
			.andExpect(content().string(containsString("id=\"users-counter\">(2)")))
			.andExpect(content().string(containsString("href=\"/settings/users/" + READER.id() + "\"")))
			.andExpect(content().string(containsString("You: change your password")));
	}

	@Test
	void aReadOnlyUserIsRefusedTheAddUserFormWithoutAskingTheService() throws Exception {
		mvc.perform(get("/settings/users/new").with(as(READER)))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("You are not allowed to manage users: your role is read-only.")));

		verifyNoInteractions(users);
	}

	@Test
	void aUserNameTheServiceRefusesIsShownAtItsFieldWithTheServicesWords() throws Exception {
		given(users.addUser(eq(ADMIN.caller()), eq("ada"), eq(Role.READ_ONLY), anyString()))
			.willThrow(new InvalidInputException("Username", "A user named 'ada' already exists."));

		mvc.perform(addUser("ada", "READ_ONLY"))
			.andExpect(status().isOk())
			.andExpect(view().name(UsersController.VIEW_NEW))
			.andExpect(model().attributeHasFieldErrors("form", "username"))
			.andExpect(content().string(containsString("id=\"username-error\"")))
			.andExpect(content().string(containsString("A user named &#39;ada&#39; already exists.")));
	}

	@Test
	void aRoleThatIsNotOneIsRefusedAtItsFieldBeforeTheServiceIsAsked() throws Exception {
		mvc.perform(addUser("newcomer", "ROOT"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "role"))
			.andExpect(content().string(containsString("Choose a role.")));

		verifyNoInteractions(users);
	}

	@Test
	void anAddedUserIsNamedInTheFlashOnTheList() throws Exception {
		UserRecord added = new UserRecord(3, ACCOUNT, "newcomer", Role.READ_ONLY, true, null, Instant.EPOCH, null);
		given(users.addUser(any(), eq("newcomer"), eq(Role.READ_ONLY), anyString())).willReturn(added);

		mvc.perform(addUser("newcomer", "READ_ONLY"))
			.andExpect(redirectedUrl(UsersController.LIST_URL))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.user.added", "newcomer")));
	}

	@Test
	void aFormPostedWithoutItsCsrfTokenIsForbidden() throws Exception {
		mvc.perform(post("/settings/users").param("username", "newcomer").param("role", "ADMIN").with(as(ADMIN)))
			.andExpect(status().isForbidden());

		verifyNoInteractions(users);
	}

}
