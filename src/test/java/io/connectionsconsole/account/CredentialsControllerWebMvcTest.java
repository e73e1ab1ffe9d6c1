package io.connectionsconsole.account;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.error.QuotaExceededException;
import io.connectionsconsole.support.ConsoleWebMvcTest;
import io.connectionsconsole.web.Flash;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The Security credentials pages alone, over a mocked {@link AccessKeyService}: the fast loop beside the full-context
 * tests of access keys.
 */
@ConsoleWebMvcTest(CredentialsController.class)
class CredentialsControllerWebMvcTest {

	private static final AccountId ACCOUNT = AccountId.of("111122223333");

	private static final ConsoleUser READER = new ConsoleUser(2, "rita", ACCOUNT, Role.READ_ONLY, null, true);

	private static final AccessKey KEY = new AccessKey("AKIASLICETEST0000001", Instant.EPOCH, null);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AccessKeyService accessKeys;

	@MockitoBean
	SecretCipher cipher;

	@Test
	void aReadOnlyUserSeesTheirOwnKeysAndMayCreateAnother() throws Exception {
		given(accessKeys.list(READER.caller())).willReturn(List.of(KEY));

		mvc.perform(get("/settings/credentials").with(user(READER)))
			.andExpect(status().isOk())
			.andExpect(view().name(CredentialsController.VIEW_LIST))
			.andExpect(content().string(containsString("id=\"key-" + KEY.id() + "\"")))
			.andExpect(content().string(containsString("id=\"access-keys-counter\">(1)")))
			.andExpect(content().string(not(containsString("id=\"access-keys-limit\""))));
	}

	@Test
	void withTheMostKeysAUserMayHaveTheCreateButtonIsDisabledAndSaysWhy() throws Exception {
		given(accessKeys.list(READER.caller()))
			.willReturn(List.of(KEY, new AccessKey("AKIASLICETEST0000002", Instant.EPOCH, null)));

		mvc.perform(get("/settings/credentials").with(user(READER)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("aria-describedby=\"access-keys-limit\"")))
			.andExpect(content().string(containsString(
					"You have 2 access keys, the most a user can have. Delete one to create another.")));
	}

	@Test
	void aKeyRefusedForTheLimitIsSaidInAnErrorFlash() throws Exception {
		given(accessKeys.create(any())).willThrow(
				new QuotaExceededException("Access keys per user", 2, "keys for one user", "Delete one to create another."));

		mvc.perform(post("/settings/credentials").with(user(READER)).with(csrf()))
			.andExpect(redirectedUrl(CredentialsController.LIST_URL))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.accessKey.limit", "2")));
	}

	@Test
	void aDeletionNotConfirmedDeletesNothingAndTheListSaysHowToConfirm() throws Exception {
		given(accessKeys.list(READER.caller())).willReturn(List.of(KEY));
		Flash notConfirmed = new Flash("error", "flash.accessKey.deleteNotConfirmed", KEY.id());

		mvc.perform(post("/settings/credentials/{id}/delete", KEY.id()).param("confirm", "yes")
			.with(user(READER))
			.with(csrf()))
			.andExpect(redirectedUrl(CredentialsController.LIST_URL))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, notConfirmed));
		then(accessKeys).should(never()).delete(any(), anyString());

		mvc.perform(get("/settings/credentials").flashAttr(Flash.ATTRIBUTE, notConfirmed).with(user(READER)))
			.andExpect(content().string(containsString(
					"Access key " + KEY.id() + " was not deleted: type &quot;delete&quot; to confirm.")));
	}

	@Test
	void anotherUsersKeyIsNotFound() throws Exception {
		given(accessKeys.list(READER.caller())).willReturn(List.of(KEY));

		mvc.perform(get("/settings/credentials/{id}/delete", "AKIASOMEONEELSE00001").with(user(READER)))
			.andExpect(status().isNotFound());
	}

	@Test
	void aVisitorWhoHasNotSignedInIsSentToTheSignInPage() throws Exception {
		mvc.perform(get("/settings/credentials").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
	}

}
