package io.connectionsconsole.account;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@ConsoleTest
@AutoConfigureMockMvc
class CredentialsControllerTest {

	private static final Pattern SHOWN_SECRET = Pattern.compile("id=\"new-secret-access-key\"[^>]*>([^<]+)<");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccessKeyService accessKeys;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anonymousVisitorsAreSentToSignIn() throws Exception {
		mvc.perform(get("/settings/credentials").accept("text/html"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void thePageListsTheUsersOwnKeysWithCreatedAndLastUsedTimes() throws Exception {
		Caller caller = testAccounts.newAdmin();
		NewAccessKey used = accessKeys.create(caller);
		NewAccessKey unused = accessKeys.create(caller);
		NewAccessKey someoneElses = accessKeys.create(testAccounts.newAdmin());
		accessKeys.recordUse(used.id());

		mvc.perform(get("/settings/credentials").with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(view().name(CredentialsController.VIEW_LIST))
			.andExpect(content().string(containsString("id=\"key-" + used.id() + "\"")))
			.andExpect(content().string(containsString("id=\"key-" + unused.id() + "\"")))
			.andExpect(content().string(not(containsString(someoneElses.id()))))
			.andExpect(content().string(containsString("Never")))
			.andExpect(content().string(containsString("(2)")))
			.andExpect(content().string(not(containsString(used.secret()))))
			.andExpect(content().string(containsString("You have 2 access keys, the most a user can have.")));
	}

	@Test
	void aNewKeysSecretIsShownOnceAndIsNeverStoredInPlainText() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));

		MvcResult created = mvc.perform(post("/settings/credentials").with(principal).with(csrf()))
			.andExpect(redirectedUrl("/settings/credentials"))
			.andExpect(flash().attributeExists("flash", CredentialsController.CREATED_KEY))
			.andReturn();
		String page = mvc.perform(get("/settings/credentials").with(principal).cookie(created.getResponse().getCookies()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Copy its secret access key now")))
			.andReturn()
			.getResponse()
			.getContentAsString();

		Matcher shown = SHOWN_SECRET.matcher(page);
		assertThat(shown.find()).as("secret on the page after creation").isTrue();
		String secret = shown.group(1);
		AccessKey key = accessKeys.list(caller).get(0);
		assertThat(page).contains(key.id())
			.contains("data-copy=\"new-secret-access-key\">Copy secret access key</button>")
			.contains("data-copy=\"new-access-key-id\">Copy access key ID</button>");
		assertThat(accessKeys.resolve(key.id()).orElseThrow().secret()).isEqualTo(secret);
		assertThat(created.getFlashMap().get(CredentialsController.CREATED_KEY).toString()).doesNotContain(secret);
		assertThat(((CredentialsController.CreatedKey) created.getFlashMap().get(CredentialsController.CREATED_KEY))
			.sealedSecret()).doesNotContain(secret);
		assertThat(jdbc.sql("SELECT secret_cipher FROM access_key WHERE id = :id").param("id", key.id())
			.query(String.class).single()).doesNotContain(secret);
		mvc.perform(get("/settings/credentials").with(principal))
			.andExpect(content().string(not(containsString(secret))))
			.andExpect(content().string(not(containsString("new-secret-access-key"))));
	}

	@Test
	void aThirdKeyIsRefusedWithTheLimit() throws Exception {
		Caller caller = testAccounts.newAdmin();
		accessKeys.create(caller);
		accessKeys.create(caller);

		mvc.perform(post("/settings/credentials").with(user(testAccounts.principal(caller))).with(csrf()))
			.andExpect(redirectedUrl("/settings/credentials"))
			.andExpect(flash().attribute("flash", new Flash("error", "flash.accessKey.limit",
					"2")))
			.andExpect(flash().attributeCount(1));
		assertThat(accessKeys.list(caller)).hasSize(2);
	}

	@Test
	void deletingAKeyNeedsTheTypedConfirmation() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));
		NewAccessKey key = accessKeys.create(caller);

		mvc.perform(get("/settings/credentials/{id}/delete", key.id()).with(principal))
			.andExpect(status().isOk())
			.andExpect(view().name("settings/credentials-delete"))
			.andExpect(content().string(containsString("type &quot;delete&quot;")));
		mvc.perform(post("/settings/credentials/{id}/delete", key.id()).param("confirm", "yes")
			.with(principal)
			.with(csrf())).andExpect(redirectedUrl("/settings/credentials"));
		assertThat(accessKeys.list(caller)).hasSize(1);

		mvc.perform(post("/settings/credentials/{id}/delete", key.id()).param("confirm", "delete")
			.with(principal)
			.with(csrf()))
			.andExpect(redirectedUrl("/settings/credentials"))
			.andExpect(flash().attribute("flash", new Flash("success",
					"flash.accessKey.deleted", key.id())));
		assertThat(accessKeys.list(caller)).isEmpty();
		assertThat(accessKeys.resolve(key.id())).isEmpty();
	}

	@Test
	void anotherUsersKeyIsNotFoundAndStays() throws Exception {
		Caller owner = testAccounts.newAdmin();
		Caller sameAccount = testAccounts.newUser(owner.accountId(), Role.ADMIN);
		NewAccessKey key = accessKeys.create(owner);

		mvc.perform(get("/settings/credentials/{id}/delete", key.id()).with(user(testAccounts.principal(sameAccount))))
			.andExpect(status().isNotFound());
		mvc.perform(post("/settings/credentials/{id}/delete", key.id()).param("confirm", "delete")
			.with(user(testAccounts.principal(sameAccount)))
			.with(csrf())).andExpect(status().isNotFound());
		assertThat(accessKeys.list(owner)).hasSize(1);
	}

	@Test
	void readOnlyUsersManageTheirOwnKeys() throws Exception {
		Caller reader = testAccounts.newAccount(Role.READ_ONLY);

		mvc.perform(post("/settings/credentials").with(user(testAccounts.principal(reader))).with(csrf()))
			.andExpect(redirectedUrl("/settings/credentials"));

		assertThat(accessKeys.list(reader)).hasSize(1);
	}

	@Test
	void postsWithoutTheCsrfTokenAreRefused() throws Exception {
		Caller caller = testAccounts.newAdmin();
		NewAccessKey key = accessKeys.create(caller);

		mvc.perform(post("/settings/credentials").with(user(testAccounts.principal(caller))))
			.andExpect(status().isForbidden());
		mvc.perform(post("/settings/credentials/{id}/delete", key.id()).param("confirm", "delete")
			.with(user(testAccounts.principal(caller)))).andExpect(status().isForbidden());
		assertThat(accessKeys.list(caller)).hasSize(1);
	}

}
