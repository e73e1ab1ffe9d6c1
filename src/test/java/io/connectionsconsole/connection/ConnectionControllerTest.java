package io.connectionsconsole.connection;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;
import io.connectionsconsole.web.TypedFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@ConsoleTest
@AutoConfigureMockMvc
class ConnectionControllerTest {

	@Autowired
	FindByIndexNameSessionRepository<?> sessions;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	@Autowired
	ConnectionService connections;

	@Autowired
	AccountRepository accounts;

	@Autowired
	RegionCatalogue regions;

	@Test
	void anonymousVisitorsAreSentToSignIn() throws Exception {
		mvc.perform(get("/connections").accept("text/html"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void theLoginPageSignsInWithTheBootstrapAdmin() throws Exception {
		mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString("_csrf")));
		mvc.perform(post("/login").param("username", "admin").param("password", "bootstrap-password-for-tests")
			.with(csrf())).andExpect(redirectedUrl("/"));
		mvc.perform(post("/login").param("username", "admin").param("password", "wrong").with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
	}

	/**
	 * A session that ended (expired, or its user changed) sends the browser to sign in: the page says why, where a
	 * first visit and a sign-out say nothing of it.
	 */
	@Test
	void theSignInPageSaysTheSessionEndedWhenTheBrowserHadOne() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Cookie session = mvc.perform(post("/login").param("username", caller.username())
			.param("password", TestAccounts.PASSWORD)
			.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		mvc.perform(get("/connections").param("region", "us-east-1").cookie(session)).andExpect(status().isOk());
		mvc.perform(get("/login").cookie(session)).andExpect(content().string(not(containsString("session-ended"))));

		sessions.findByPrincipalName(caller.username()).keySet().forEach(sessions::deleteById);
		String login = mvc.perform(get("/connections").param("region", "us-east-1").accept(MediaType.TEXT_HTML)
			.cookie(session))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		mvc.perform(get(login).cookie(session))
			.andExpect(content().string(containsString("id=\"session-ended\"")))
			.andExpect(content().string(containsString("Your session has ended. Sign in again to go on.")))
			// said once: the browser forgets the session with this answer
			.andExpect(cookie().maxAge("SESSION", 0));

		mvc.perform(get("/login")).andExpect(content().string(not(containsString("session-ended"))));
		mvc.perform(get("/login").param("logout", "").cookie(session))
			.andExpect(content().string(containsString("id=\"logged-out\"")))
			.andExpect(content().string(not(containsString("session-ended"))));
	}

	@Test
	void homeRedirectsToTheDefaultRegionThenToTheLastChosenOne() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));

		mvc.perform(get("/").with(principal)).andExpect(redirectedUrl("/connections?region=us-east-1"));
		mvc.perform(get("/connections").param("region", "eu-west-2").with(principal)).andExpect(status().isOk());
		mvc.perform(get("/").with(principal)).andExpect(redirectedUrl("/connections?region=eu-west-2"));
	}

	@Test
	void aSessionKeepsTheRegionItChoseWhileANewSessionStartsFromTheRememberedOne() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));
		Cookie session = mvc.perform(get("/connections").param("region", "eu-west-1").with(principal))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		assertThat(session).as("the session's cookie").isNotNull();
		assertThat(accounts.findUser(caller.userId()).orElseThrow().lastRegion()).isEqualTo("eu-west-1");
		// Chosen meanwhile in another session of the same user.
		accounts.rememberRegion(caller.userId(), "ap-south-1");

		mvc.perform(get("/").cookie(session).with(principal))
			.andExpect(redirectedUrl("/connections?region=eu-west-1"));
		mvc.perform(get("/").with(principal)).andExpect(redirectedUrl("/connections?region=ap-south-1"));
		mvc.perform(get("/connections").param("region", "us-west-2").cookie(session).with(principal))
			.andExpect(status().isOk());
		assertThat(accounts.findUser(caller.userId()).orElseThrow().lastRegion()).isEqualTo("us-west-2");
	}

	@Test
	void theListShowsOnlyTheRegionsConnectionsWithTheirCountAndQuota() throws Exception {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "east-conn");
		testConnections.github(caller, "eu-west-1", "west-conn");

		mvc.perform(get("/connections").param("region", "us-east-1").with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(view().name(ConnectionController.VIEW_LIST))
			.andExpect(content().string(containsString("east-conn")))
			.andExpect(content().string(not(containsString("west-conn"))))
			.andExpect(content().string(containsString("(1)")))
			.andExpect(content().string(containsString("1 of 10 connections used in this Region")))
			.andExpect(content().string(containsString("Pending handshake")));
	}

	@Test
	void whatAUserTypesIsShownAsTextNeverAsMarkup() throws Exception {
		Caller caller = testAccounts.newAdmin();
		String typed = "\"><script src=/x.js></script><b a='";

		mvc.perform(get("/connections").param("region", "us-east-1").param("filter", typed)
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<script src=/x.js>"))))
			.andExpect(content().string(not(containsString("<b a="))))
			.andExpect(content().string(containsString("value=\"&quot;&gt;&lt;script src=/x.js&gt;&lt;/script&gt;&lt;b a=&#39;\"")))
			.andExpect(content().string(containsString("&lt;script src=/x.js&gt;&lt;/script&gt;&lt;b a=")));
	}

	@Test
	void aPageThatIsNotANumberShowsTheFirstPage() throws Exception {
		Caller caller = testAccounts.newAdmin();
		testConnections.github(caller, "us-east-1", "first-page");

		for (String page : new String[] { "abc", "", "99999999999", "1e3", "\u0000" }) {
			mvc.perform(get("/connections").param("region", "us-east-1").param("page", page)
				.with(user(testAccounts.principal(caller))))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("first-page")));
		}
	}

	@Test
	void anUnknownRegionGetsAClearErrorPage() throws Exception {
		Caller caller = testAccounts.newAdmin();

		mvc.perform(get("/connections").param("region", "moon-1").with(user(testAccounts.principal(caller))))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Region &#39;moon-1&#39; is not one of this console")));
		mvc.perform(get("/connections").param("region", "us-east-1\u202E" + "x".repeat(5000))
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Region &#39;us-east-1\\u202E" + "x".repeat(54) + "…&#39;")))
			.andExpect(content().string(not(containsString("\u202E"))))
			.andExpect(content().string(not(containsString("x".repeat(55)))));
	}

	@Test
	void addingAValidConnectionRedirectsWithAFlash() throws Exception {
		Caller caller = testAccounts.newAdmin();

		mvc.perform(post("/connections").param("region", "us-east-2")
			.param("name", "new-conn")
			.param("providerType", "BITBUCKET")
			.param("tags", "team=web\nenv = prod")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(redirectedUrl("/connections?region=us-east-2"))
			.andExpect(flash().attributeExists("flash"));

		Connection created = connections.list(caller, regions.require("us-east-2"), ConnectionQuery.all()).get(0);
		assertThat(created.providerType()).isEqualTo(ProviderType.BITBUCKET);
		assertThat(connections.tags(caller, created.arn())).containsExactly(new Tag("env", "prod"), new Tag("team", "web"));
	}

	@Test
	void eachBrokenRuleIsShownOnTheFormAndNothingIsStored() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));
		testConnections.github(caller, "us-east-1", "taken");

		mvc.perform(post("/connections").param("region", "us-east-1").param("name", "ab").with(principal).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name(ConnectionController.VIEW_FORM))
			.andExpect(model().attributeHasFieldErrors("form", "name", "providerType"))
			.andExpect(content().string(containsString("4 to 32 characters long")));
		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "taken")
			.param("providerType", "GITHUB")
			.with(principal)
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "name"))
			.andExpect(content().string(containsString("already exists in us-east-1")));
		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "tagged")
			.param("providerType", "GITHUB")
			.param("tags", "aws:owner=me")
			.with(principal)
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "tags"))
			.andExpect(content().string(containsString("reserved")));
		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "bad provider")
			.param("providerType", "CODECOMMIT")
			.with(principal)
			.with(csrf()))
			.andExpect(model().attributeHasFieldErrors("form", "name", "providerType"));

		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isEqualTo(1);
	}

	@Test
	void aTagWithAControlCharacterIsShownAtTheTagsFieldNamingTheTagAndNothingIsStored() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));

		for (String tags : new String[] { "team=we\u0000b", "team=web\u0007", "\u001bteam=web", "team=a\u2028b" }) {
			mvc.perform(post("/connections").param("region", "us-east-1")
				.param("name", "tagged-conn")
				.param("providerType", "GITHUB")
				.param("tags", tags)
				.with(principal)
				.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("form", "tags"))
				.andExpect(content().string(containsString("team")))
				.andExpect(content().string(containsString("control character")));
		}

		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isZero();
	}

	@Test
	void aTagKeyWithAnInvisibleFormatCharacterIsShownAtTheTagsFieldWrittenAsAnEscapeAndNothingIsStored()
			throws Exception {
		Caller caller = testAccounts.newAdmin();

		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "zero-width")
			.param("providerType", "GITHUB")
			.param("tags", "te\u200Bam=web")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "tags"))
			.andExpect(content().string(containsString("Tag key &#39;te\\u200Bam&#39; contains the invisible "
					+ "formatting character U+200B at position 3")))
			.andExpect(content().string(not(containsString("te\u200Bam&#39;"))));

		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isZero();
	}

	@Test
	void theListAtTheQuotaSaysWhatHelpsForAQuotaOf0Or1Too() throws Exception {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 0);
		mvc.perform(get("/connections").param("region", "us-east-1").with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString(
					"The quota of connections per Region is 0 for this account: raise it under Service quotas")));

		accounts.setConnectionQuota(caller.accountId(), 1);
		testConnections.github(caller, "us-east-1", "the-only");
		mvc.perform(get("/connections").param("region", "us-east-1").with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString(
					"You have reached the quota of 1 connection in this Region. Delete it, or raise the quota")));
	}

	@Test
	void atTheQuotaTheFormSaysSoWithTheQuotasValue() throws Exception {
		Caller caller = testAccounts.newAdmin();
		accounts.setConnectionQuota(caller.accountId(), 1);
		testConnections.github(caller, "us-east-1", "the-one");

		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "one-more")
			.param("providerType", "GITHUB")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasErrors("form"))
			.andExpect(content().string(containsString("Connections per Region")))
			.andExpect(content().string(containsString("of 1 connection in us-east-1")));
		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isEqualTo(1);
	}

	@Test
	void deletingNeedsTheTypedConfirmation() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));
		Connection connection = testConnections.github(caller, "us-east-1", "doomed");

		mvc.perform(get("/connections/{id}/delete", connection.id().value()).with(principal))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<h1 id=\"delete-heading\">Delete doomed</h1>")))
			.andExpect(content().string(containsString("type &quot;delete&quot;")));
		mvc.perform(get("/connections/{id}/delete", connection.id().value()).header("HX-Request", "true")
			.header("HX-Target", "modal-root")
			.with(principal))
			.andExpect(content().string(containsString("<h2 id=\"delete-heading\">Delete doomed</h2>")))
			.andExpect(content().string(not(containsString("<h1"))));
		for (String notTheWord : new String[] { "yes", "delete\u0000", "\u0001delete\u001f", "Delete" }) {
			mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", notTheWord)
				.with(principal)
				.with(csrf())).andExpect(redirectedUrl("/connections?region=us-east-1"));
			assertThat(connections.get(caller, connection.id()).status()).as(notTheWord)
				.isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		}

		mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", " delete ")
			.with(principal)
			.with(csrf())).andExpect(redirectedUrl("/connections?region=us-east-1"));
		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isZero();
	}

	@Test
	void deletingFromAFilteredPageOfTheListComesBackToItDoneOrCancelled() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));
		Connection doomed = testConnections.github(caller, "us-east-1", "doomed-1");
		String id = doomed.id().value();

		mvc.perform(get("/connections").param("region", "us-east-1").param("filter", "oomed-").param("selected", id)
			.with(principal))
			.andExpect(content().string(containsString("href=\"/connections/" + id + "/delete?filter=oomed-\"")));
		mvc.perform(get("/connections").param("region", "us-east-1").param("selected", id).with(principal))
			.andExpect(content().string(containsString("href=\"/connections/" + id + "/delete\"")));
		mvc.perform(get("/connections/{id}/delete", id).param("filter", "doomed+").param("page", "2").with(principal))
			.andExpect(content().string(containsString("name=\"filter\" value=\"doomed+\"")))
			.andExpect(content().string(containsString("name=\"page\" value=\"2\"")))
			.andExpect(content().string(containsString(
					"href=\"/connections?region=us-east-1&amp;filter=doomed%2B&amp;page=2&amp;selected=" + id + "\"")));

		mvc.perform(post("/connections/{id}/delete", id).param("confirm", "yes").param("filter", "doomed+")
			.param("page", "2")
			.with(principal)
			.with(csrf())).andExpect(redirectedUrl("/connections?region=us-east-1&filter=doomed%2B&page=2"));
		mvc.perform(post("/connections/{id}/delete", id).param("confirm", "delete").param("filter", "doomed+")
			.with(principal)
			.with(csrf())).andExpect(redirectedUrl("/connections?region=us-east-1&filter=doomed%2B"));
		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isZero();
	}

	/** The list's address carries its filter: a filter too long to match anything is cut, not put whole in a header. */
	@Test
	void aFilterTooLongToMatchAnythingIsCutInTheAddressTheListComesBackTo() throws Exception {
		Caller caller = testAccounts.newAdmin();
		var principal = user(testAccounts.principal(caller));
		Connection doomed = testConnections.github(caller, "us-east-1", "doomed-2");
		String typed = "(".repeat(10_000);
		String kept = "%28".repeat(TypedFilter.MAX_LENGTH);

		mvc.perform(get("/connections").param("region", "us-east-1").param("filter", typed).with(principal)
			.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Push-Url", "/connections?region=us-east-1&filter=" + kept));
		mvc.perform(post("/connections/{id}/delete", doomed.id().value()).param("confirm", "delete")
			.param("filter", typed)
			.with(principal)
			.with(csrf())).andExpect(redirectedUrl("/connections?region=us-east-1&filter=" + kept));
		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isZero();
	}

	@Test
	void postsWithoutTheCsrfTokenAreRefused() throws Exception {
		Caller caller = testAccounts.newAdmin();

		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "no-token")
			.param("providerType", "GITHUB")
			.with(user(testAccounts.principal(caller)))).andExpect(status().isForbidden());
		assertThat(connections.count(caller, regions.require("us-east-1"), null)).isZero();
	}

	@Test
	void anotherAccountsConnectionIsNotFoundInTheConsole() throws Exception {
		Caller owner = testAccounts.newAdmin();
		Caller stranger = testAccounts.newAdmin();
		Connection connection = testConnections.github(owner, "us-east-1", "not-yours");

		mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", "delete")
			.with(user(testAccounts.principal(stranger)))
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/connections/{id}/delete", "not-an-id").with(user(testAccounts.principal(stranger))))
			.andExpect(status().isNotFound());
		assertThat(connections.get(owner, connection.id()).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void readOnlyUsersAreRefusedChangesEvenWhenPostedDirectly() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);
		Connection connection = testConnections.github(admin, "us-east-1", "look-only");
		var principal = user(testAccounts.principal(reader));

		mvc.perform(get("/connections").param("region", "us-east-1").with(principal))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("look-only")));
		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "sneaky")
			.param("providerType", "GITHUB")
			.with(principal)
			.with(csrf())).andExpect(status().isForbidden());
		// a form with mistakes is refused as such, not answered with the form and its field errors
		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "!")
			.with(principal)
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", "delete")
			.with(principal)
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/connections/{id}/delete", connection.id().value()).param("confirm", "nope")
			.with(principal)
			.with(csrf())).andExpect(status().isForbidden());
		assertThat(connections.count(admin, regions.require("us-east-1"), null)).isEqualTo(1);
	}

	@Test
	void theTopBarShowsTheUserAndTheRegionSelector() throws Exception {
		Caller caller = testAccounts.newAdmin();

		mvc.perform(get("/connections").param("region", "eu-west-1").with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("Signed in as " + caller.username())))
			.andExpect(content().string(containsString("<option value=\"eu-west-1\" selected=\"selected\">Europe (Ireland) eu-west-1</option>")));
	}

	@Test
	void anHtmxRequestGetsOnlyThePageFragmentWithItsUrlWhileABrowserGetsTheWholePage() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.github(caller, "us-east-1", "fragmented");
		var principal = user(testAccounts.principal(caller));

		mvc.perform(get("/connections").param("region", "us-east-1")
			.param("selected", connection.id().value())
			.header("HX-Request", "true")
			.with(principal))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<title>Connected accounts | Connections Console</title>")))
			.andExpect(content().string(containsString("id=\"connections-heading\"")))
			.andExpect(content().string(containsString("id=\"top-nav\" hx-swap-oob=\"true\"")))
			.andExpect(content().string(not(containsString("id=\"main\""))))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(header().string("HX-Push-Url",
					"/connections?region=us-east-1&selected=" + connection.id().value()));
		mvc.perform(get("/connections").param("region", "us-east-1").with(principal))
			.andExpect(content().string(containsString("top-nav")))
			.andExpect(header().doesNotExist("HX-Push-Url"));
		// each key typed in the filter asks for the list again: its address replaces the list's, not one a key
		mvc.perform(get("/connections").param("region", "us-east-1").param("filter", "gh")
			.header("HX-Request", "true")
			.header("HX-Trigger", "filter")
			.with(principal))
			.andExpect(header().string("HX-Replace-Url", "/connections?region=us-east-1&filter=gh"))
			.andExpect(header().doesNotExist("HX-Push-Url"));
	}

	@Test
	void aCreationRefusedInPlaceKeepsTheFormsAddressInTheHistory() throws Exception {
		Caller caller = testAccounts.newAdmin();

		mvc.perform(post("/connections").param("region", "us-east-1")
			.param("name", "x")
			.param("providerType", "GITHUB")
			.header("HX-Request", "true")
			.header("HX-Boosted", "true")
			.with(user(testAccounts.principal(caller)))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "name"))
			// each refusal in the history would take Back through the same empty form again
			.andExpect(header().string("HX-Push-Url", "false"));
	}

	@Test
	void choosingARowInPlaceAnswersOnlyTheTableAndTheActionsMenuOutOfBand() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.github(caller, "us-east-1", "chosen-one");

		String answer = mvc.perform(get("/connections").param("region", "us-east-1")
			.param("selected", connection.id().value())
			.header("HX-Request", "true")
			.header("HX-Trigger", "selection")
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			// the same list with another row chosen: its address replaces the list's in the history, not a page more
			.andExpect(header().string("HX-Replace-Url",
					"/connections?region=us-east-1&selected=" + connection.id().value()))
			.andExpect(header().doesNotExist("HX-Push-Url"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(answer).startsWith("<form id=\"selection\"")
			.contains("<tr id=\"row-chosen-one\" class=\"selected\">")
			.contains("<div id=\"actions\" class=\"actions\" hx-swap-oob=\"true\">")
			.contains("/connections/" + connection.id().value() + "/delete")
			.doesNotContain("id=\"connections-heading\"")
			.doesNotContain("top-nav");
	}

	@Test
	void theDeleteConfirmationIsAModalForHtmxAndAnOpenDialogOnItsOwnPage() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.github(caller, "us-east-1", "confirm-me");
		var principal = user(testAccounts.principal(caller));

		mvc.perform(get("/connections/{id}/delete", connection.id().value()).header("HX-Request", "true")
			.header("HX-Target", "modal-root")
			.with(principal))
			.andExpect(content().string(containsString("<dialog id=\"delete-dialog\"")))
			.andExpect(content().string(not(containsString("open="))))
			.andExpect(content().string(not(containsString("top-nav"))));
		mvc.perform(get("/connections/{id}/delete", connection.id().value()).with(principal))
			.andExpect(content().string(containsString("<dialog id=\"delete-dialog\"")))
			.andExpect(content().string(containsString("open=\"open\">")))
			.andExpect(content().string(containsString("top-nav")));
	}

	@Test
	void theSelectedConnectionEnablesOnlyTheActionsItsStatusAllows() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = testConnections.github(caller, "us-east-1", "pending-one");

		mvc.perform(get("/connections").param("region", "us-east-1")
			.param("selected", connection.id().value())
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("/connections/" + connection.id().value() + "/handshake")))
			.andExpect(content().string(containsString("/connections/" + connection.id().value() + "/delete")))
			.andExpect(content().string(not(containsString("/connections/" + connection.id().value() + "/check"))));
		mvc.perform(get("/connections").param("region", "us-east-1").with(user(testAccounts.principal(caller))))
			.andExpect(content().string(not(containsString("/connections/" + connection.id().value() + "/"))));
	}

	@Test
	void pagesCarryTheContentSecurityPolicy() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")));
	}

}
