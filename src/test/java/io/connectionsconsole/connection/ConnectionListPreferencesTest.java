package io.connectionsconsole.connection;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Connected accounts table as the AWS console's collections: preferences for page size and visible columns kept
 * per user, the empty and the no-match states, and the match count beside the filter.
 */
@ConsoleTest
@AutoConfigureMockMvc
class ConnectionListPreferencesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	@Autowired
	ListPreferencesService preferences;

	@Autowired
	AccountRepository accounts;

	private String list(Caller caller, String filter) throws Exception {
		return mvc.perform(get("/connections").param("region", "us-east-1").param("filter", filter)
			.with(user(testAccounts.principal(caller)))).andReturn().getResponse().getContentAsString();
	}

	@Test
	void thePreferencesFormShowsTheUsersChoicesAsAPageOrAsADialogForHtmx() throws Exception {
		Caller caller = testAccounts.newAdmin();
		preferences.save(caller, new ListPreferences(30, true, false, true, true, true));
		var principal = user(testAccounts.principal(caller));

		mvc.perform(get("/connections/preferences").param("region", "us-east-1").param("filter", "web").with(principal))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("top-nav")))
			.andExpect(content().string(containsString("open=\"open\"")))
			.andExpect(content().string(containsString("<h1 id=\"preferences-heading\">Preferences</h1>")))
			.andExpect(content().string(containsString("id=\"page-size-30\" value=\"30\" checked=\"checked\"")))
			.andExpect(content().string(containsString("id=\"column-provider\" checked=\"checked\"")))
			.andExpect(content().string(not(containsString("id=\"column-status\" checked"))))
			.andExpect(content().string(containsString("action=\"/connections/preferences?region=us-east-1&amp;filter=web\"")));
		mvc.perform(get("/connections/preferences").param("region", "us-east-1").header("HX-Request", "true")
			.header("HX-Target", "modal-root")
			.with(principal))
			.andExpect(content().string(containsString("<dialog id=\"preferences-dialog\"")))
			.andExpect(content().string(not(containsString("open="))))
			.andExpect(content().string(containsString("<h2 id=\"preferences-heading\">Preferences</h2>")))
			.andExpect(content().string(not(containsString("<h1"))))
			.andExpect(content().string(not(containsString("top-nav"))));
	}

	@Test
	void savedPreferencesSetThePageSizeAndTheColumnsOfThatUserOnly() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Caller colleague = testAccounts.newUser(caller.accountId(), Role.ADMIN);
		accounts.setConnectionQuota(caller.accountId(), 40);
		for (int i = 1; i <= 31; i++) {
			testConnections.github(caller, "us-east-1", "pref-%02d".formatted(i));
		}

		mvc.perform(post("/connections/preferences").param("region", "us-east-1")
			.param("filter", "pref")
			.param("pageSize", "30")
			.param("columns", "status", "created")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(redirectedUrl("/connections?region=us-east-1&filter=pref"));

		String mine = list(caller, null);
		assertThat(mine).contains("pref-30").doesNotContain(">pref-31<");
		assertThat(mine).contains("Status</th>", "Created</th>").doesNotContain("Provider</th>", "Last checked</th>");
		assertThat(mine).doesNotContain("<td>GitHub</td>");
		String theirs = list(colleague, null);
		assertThat(theirs).doesNotContain(">pref-11<").contains("Provider</th>", "Last checked</th>");
	}

	@Test
	void readOnlyUsersKeepPreferencesToo() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		mvc.perform(post("/connections/preferences").param("region", "us-east-1")
			.param("pageSize", "50")
			.with(user(testAccounts.principal(reader)))
			.with(csrf())).andExpect(redirectedUrl("/connections?region=us-east-1"));

		assertThat(preferences.of(reader).pageSize()).isEqualTo(50);
		assertThat(preferences.of(reader).columns()).isEmpty();
	}

	@Test
	void preferencesOutsideTheChoicesGetAClearErrorAndChangeNothing() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));

		mvc.perform(post("/connections/preferences").param("region", "us-east-1").param("pageSize", "1000")
			.with(principal).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Choose 10, 30 or 50 connections a page.")));
		mvc.perform(post("/connections/preferences").param("region", "us-east-1").param("pageSize", "ten")
			.with(principal).with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(post("/connections/preferences").param("region", "us-east-1")
			.param("pageSize", "10")
			.param("columns", "status", "password")
			.with(principal)
			.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("There is no column &#39;password&#39; to show.")));
		mvc.perform(post("/connections/preferences").param("region", "us-east-1").param("pageSize", "30")
			.with(principal)).andExpect(status().isForbidden());

		assertThat(preferences.of(caller)).isEqualTo(ListPreferences.DEFAULT);
	}

	@Test
	void anEmptyRegionSaysNoConnectionsAndOffersToAddOne() throws Exception {
		String page = list(testAccounts.newAdmin(), null);

		assertThat(page).contains("<h2>No connections</h2>").contains("id=\"empty-add\"")
			.doesNotContain("id=\"empty-clear\"");
	}

	@Test
	void aFilterThatMatchesNothingSaysNoMatchesAndOffersToClearIt() throws Exception {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "web-one");
		testConnections.github(caller, "us-east-1", "web-two");
		testConnections.github(caller, "us-east-1", "api-one");

		assertThat(list(caller, "web")).contains("id=\"filter-matches\">2 matches</span>");
		assertThat(list(caller, "api")).contains("id=\"filter-matches\">1 match</span>");
		String none = list(caller, "zzz");
		assertThat(none).contains("<h2>No matches</h2>")
			.contains("id=\"filter-matches\">No matches</span>")
			.contains("id=\"empty-clear\" href=\"/connections?region=us-east-1\">Clear filter</a>")
			.doesNotContain("id=\"empty-add\"");
	}

	@Test
	void theListOffersThePreferencesWithItsFilter() throws Exception {
		Caller caller = testAccounts.newAdmin();

		assertThat(list(caller, "web")).containsPattern(
				"id=\"preferences\"\\s+href=\"/connections/preferences\\?region=us-east-1&amp;filter=web\"");
	}

	@Test
	void aFilterWithBracesOrAPlusIsKeptAsTypedWhenThePreferencesAreSaved() throws Exception {
		Caller caller = testAccounts.newAdmin();

		for (String typed : new String[] { "{x}", "c++" }) {
			String back = mvc.perform(post("/connections/preferences").param("region", "us-east-1")
				.param("filter", typed)
				.param("pageSize", "10")
				.with(user(testAccounts.principal(caller)))
				.with(csrf()))
				.andExpect(status().is3xxRedirection())
				.andReturn()
				.getResponse()
				.getRedirectedUrl();

			assertThat(UriComponentsBuilder.fromUriString(back).build().getQueryParams().getFirst("filter"))
				.isEqualTo(UriUtils.encode(typed, StandardCharsets.UTF_8));
		}
	}

	@Test
	void aFilterOfSpacesOfAnyKindFiltersNothing() throws Exception {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "web-one");

		for (String spaces : new String[] { "\u2003", " \u00A0\u202F\t" }) {
			assertThat(list(caller, spaces)).contains(">web-one<").doesNotContain("id=\"filter-matches\"");
		}
	}

}
