package io.connectionsconsole.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The details page of a connection, its full page and its htmx twin, for each status and role. */
@ConsoleTest
@AutoConfigureMockMvc
class ConnectionDetailsControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	private Connection pending(Caller caller, String name, Tags tags) {
		return connections.create(caller, regions.require("ap-southeast-2"), ConnectionName.of(name),
				ProviderType.GITHUB, tags);
	}

	private Connection available(Caller caller, String name) {
		Connection connection = pending(caller, name, Tags.none());
		return connections.completeHandshake(caller, connection.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("octocat", "The Octocat", "https://github.com/octocat"),
				new ProviderTokens("token-of-" + name, null, null), null);
	}

	private Connection inError(Caller caller, String name) {
		Connection connection = available(caller, name);
		connections.recordCheck(connections.credentialsForCheck(caller, connection.id()), CheckOutcome.TOKEN_REJECTED,
				CheckTrigger.PERIODIC, "periodic-check");
		return connections.get(caller, connection.id());
	}

	private String page(Caller caller, Connection connection) throws Exception {
		return mvc.perform(get("/connections/{id}", connection.id().value()).with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void theDetailsShowNameArnProviderStatusCreatedTagsAndBreadcrumbsBackToTheRegion() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = pending(caller, "detailed", new Tags(List.of(new Tag("team", "web"), new Tag("env", "prod"))));

		String page = page(caller, connection);

		assertThat(page).contains("<title>detailed | Connections Console</title>")
			.contains("<h1 id=\"details-heading\">detailed</h1>")
			.contains(">" + connection.arn().value() + "</code>")
			.contains("<button type=\"button\" class=\"btn btn-normal btn-small\" hidden id=\"details-arn-copy\"")
			.contains("id=\"details-provider\">GitHub</dd>")
			.contains("status status-pending_handshake")
			.contains("Waiting for the handshake with GitHub")
			.contains("datetime=\"" + connection.createdAt() + "\"")
			.contains("Never checked")
			.contains("<td><bdi>team</bdi></td>", "<td><bdi>web</bdi></td>", "<td><bdi>env</bdi></td>", "<td><bdi>prod</bdi></td>")
			.contains("href=\"/connections?region=ap-southeast-2\">Connected accounts</a>")
			.contains("Not connected to a GitHub account yet")
			.contains("The token has not been checked yet.")
			.doesNotContain("id=\"repositories\"");
	}

	@Test
	void anAvailableConnectionShowsItsProviderAccountHistoryAndOffersItsRepositories() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = available(caller, "with-account");
		connections.recordCheck(connections.credentialsForCheck(caller, connection.id()), CheckOutcome.UNREACHABLE,
				CheckTrigger.ON_DEMAND, caller.username());

		String page = page(caller, connection);

		assertThat(page).contains("id=\"account-login\"><bdi>octocat</bdi></dd>")
			.contains("id=\"account-display-name\"><bdi>The Octocat</bdi></dd>")
			.contains("href=\"https://github.com/octocat\"")
			.contains("status status-available")
			.contains("Last check failed: Provider unreachable")
			.contains("id=\"show-repositories\"")
			.contains("<td>Check connection</td>", "<td>Handshake</td>")
			.contains("status status-failed", "status status-success")
			.contains("<td>Provider unreachable</td>", "<td>Token accepted</td>")
			.contains("<td>" + caller.username() + "</td>");
		assertThat(page.indexOf("Provider unreachable</td>")).as("newest first")
			.isLessThan(page.indexOf("Token accepted</td>"));
	}

	@Test
	void aConnectionInErrorSaysWhyAndOffersUpdateAuthorization() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = inError(caller, "broken");

		String page = page(caller, connection);

		assertThat(page).contains("status status-error")
			.contains("Token revoked or expired (HTTP 401). Choose Update authorization to connect it again.")
			.contains("/connections/" + connection.id().value() + "/reauthorize")
			.doesNotContain("/connections/" + connection.id().value() + "/handshake\"")
			.doesNotContain("/connections/" + connection.id().value() + "/check")
			.doesNotContain("id=\"show-repositories\"")
			.contains("<td>Periodic check</td>", "<td>periodic-check</td>");
	}

	@Test
	void eachStatusEnablesOnlyTheActionsThatApply() throws Exception {
		Caller caller = testAccounts.newAdmin();
		String pending = page(caller, pending(caller, "acts-pending", Tags.none()));
		String available = page(caller, available(caller, "acts-available"));
		String error = page(caller, inError(caller, "acts-error"));

		assertThat(enabled(pending)).containsExactlyInAnyOrder("handshake", "share-link", "delete");
		assertThat(enabled(available)).containsExactlyInAnyOrder("reauthorize", "check", "delete");
		assertThat(enabled(error)).containsExactlyInAnyOrder("reauthorize", "delete");
		assertThat(available).contains("<input type=\"hidden\" name=\"back\" value=\"details\">");
		assertThat(pending).as("the page is the details").doesNotContain("id=\"action-details\"");
	}

	/** The Actions menu items that are not disabled, by their id without "action-". */
	static List<String> enabled(String page) {
		List<String> ids = new ArrayList<>();
		Matcher item = Pattern.compile("<(button|a)([^>]*)id=\"action-([a-z-]+)\"([^>]*)>").matcher(page);
		while (item.find()) {
			if (!(item.group(2) + item.group(4)).contains("disabled")) {
				ids.add(item.group(3));
			}
		}
		return ids;
	}

	@Test
	void readOnlyUsersSeeTheDetailsWithoutActions() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Connection connection = available(admin, "look-only");
		Caller reader = testAccounts.newUser(admin.accountId(), Role.READ_ONLY);

		String page = page(reader, connection);

		assertThat(page).contains("<h1 id=\"details-heading\">look-only</h1>")
			.contains("id=\"show-repositories\"")
			.doesNotContain("id=\"actions-menu\"");
	}

	@Test
	void htmxGetsTheDetailsWithoutTheLayoutAndTheUrlToShow() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = pending(caller, "in-place", Tags.none());

		mvc.perform(get("/connections/{id}", connection.id().value()).header("HX-Request", "true")
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("<h1 id=\"details-heading\">in-place</h1>")))
			.andExpect(content().string(containsString("id=\"top-nav\" hx-swap-oob=\"true\"")))
			.andExpect(content().string(not(containsString("id=\"main\""))))
			.andExpect(header().string("HX-Push-Url", "/connections/" + connection.id().value()));
	}

	@Test
	void anotherAccountsConnectionAndAnIdThatCantExistAreNotFound() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = pending(caller, "hidden", Tags.none());

		mvc.perform(get("/connections/{id}", connection.id().value())
			.with(user(testAccounts.principal(testAccounts.newAdmin())))).andExpect(status().isNotFound());
		mvc.perform(get("/connections/{id}", "not-an-id").with(user(testAccounts.principal(caller))))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("was not found")));
		mvc.perform(get("/connections/{id}/delete", "0123456789ABCDEF0123456789abcdef")
			.with(user(testAccounts.principal(caller)))).andExpect(status().isNotFound());
		mvc.perform(post("/connections/{id}/delete", "not-an-id").param("confirm", "delete")
			.with(user(testAccounts.principal(caller)))
			.with(csrf())).andExpect(status().isNotFound());
	}

	@Test
	void aDeletedConnectionHasNoDetailsPage() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = pending(caller, "gone-now", Tags.none());
		connections.delete(caller, connection.id());

		mvc.perform(get("/connections/{id}", connection.id().value()).with(user(testAccounts.principal(caller))))
			.andExpect(status().isNotFound());
	}

	@Test
	void eachRowOfTheListLinksToItsDetailsWhileItsNameStillOpensTheProviderAccount() throws Exception {
		Caller caller = testAccounts.newAdmin();
		Connection connection = available(caller, "linked-row");

		String list = mvc.perform(get("/connections").param("region", "ap-southeast-2")
			.with(user(testAccounts.principal(caller)))).andReturn().getResponse().getContentAsString();

		assertThat(list).containsPattern("<a class=\"details-link\" href=\"/connections/" + connection.id().value()
				+ "\"[^>]* hx-target=\"#main\"[^>]* aria-label=\"View details of linked-row\">View\\s+details</a>")
			.contains("class=\"provider-link\" href=\"https://github.com/octocat\"");
	}

}
