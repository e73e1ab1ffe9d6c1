package io.connectionsconsole.web;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.connectionsconsole.account.AccountRepository;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.account.UserService;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.HandshakeKind;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tag;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Text that users or providers chose, shown with a right-to-left override (U+202E) in it: every page shows it inside a
 * {@code <bdi>}, so that it can turn no other text of the page around ("txt.exe" shown as "exe.txt").
 */
@ConsoleTest
@AutoConfigureMockMvc
class BidirectionalTextTest {

	private static final String OVERRIDE = "\u202E";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	@Autowired
	RegionCatalogue regions;

	@Autowired
	ConnectionService connections;

	@Autowired
	AccountRepository accounts;

	@Autowired
	UserService users;

	@Autowired
	AuditLog audit;

	private String page(Caller caller, String url, Object... variables) throws Exception {
		RequestPostProcessor principal = user(testAccounts.principal(caller));
		return mvc.perform(get(url, variables).with(principal))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/**
	 * The page shows the override, and only inside a {@code <bdi>}. Attribute values are no text on the page, and a
	 * form field shows its value isolated already.
	 */
	private static void assertEveryOverrideIsIsolated(String html) {
		assertThat(html).as("the page shows the text").contains(OVERRIDE);
		String outside = html.replaceAll("(?s)<bdi\\b[^>]*>.*?</bdi>", "")
			.replaceAll("(?s)<title>.*?</title>", "")
			.replaceAll("(?s)<textarea\\b[^>]*>.*?</textarea>", "")
			.replaceAll("(?s)<[^>]*>", "");
		assertThat(outside).as("text outside any <bdi>").doesNotContain(OVERRIDE);
	}

	/** A user whose name came from configuration (the first administrator's), where no rule applies to it. */
	private Caller userNamed(Caller admin, String username) {
		long id = accounts.createUser(admin.accountId(), username, "{noop}" + TestAccounts.PASSWORD, Role.READ_ONLY, Instant.now());
		return new Caller(id, username, admin.accountId(), Role.READ_ONLY);
	}

	@Test
	void tagKeysUserNamesAndProviderLoginsInTheAuditTrailAreIsolated() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reversed = userNamed(admin, "eve" + OVERRIDE + "txt.exe-" + System.nanoTime());
		Connection connection = testConnections.github(admin, "us-east-1", "bidi-audit");
		// a new tag key can't have an override; one stored before that rule is audited when it is removed
		audit.record(admin.accountId().value(), admin.username(), "UntagResource", connection.arn().value(),
				"team" + OVERRIDE + ", cost-centre");
		connections.completeHandshake(admin, connection.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("octo" + OVERRIDE + "cat", "Octo", "https://github.com/octocat"),
				new ProviderTokens("gho_token-for-the-bidi-test", null, null), null);
		users.disable(admin, reversed.userId());

		String audit = page(admin, "/audit");

		assertEveryOverrideIsIsolated(audit);
		assertThat(audit).contains("<bdi>team" + OVERRIDE + "</bdi>, <bdi>cost-centre</bdi>")
			.contains("<bdi>" + reversed.username() + "</bdi>")
			.contains("<bdi>octo" + OVERRIDE + "cat</bdi>");
	}

	@Test
	void anActorOfTheAuditTrailIsIsolated() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reversed = userNamed(admin, "mallory" + OVERRIDE + "-" + System.nanoTime());

		users.changeOwnPassword(reversed, TestAccounts.PASSWORD, "a-new-password-of-theirs");

		String audit = page(admin, "/audit");
		assertEveryOverrideIsIsolated(audit);
		assertThat(audit).contains("<td><bdi>" + reversed.username() + "</bdi></td>");
	}

	@Test
	void theFilterEchoedInNoMatchesIsIsolatedAndEscaped() throws Exception {
		Caller admin = testAccounts.newAdmin();

		String list = page(admin, "/connections?region=us-east-1&filter={filter}", OVERRIDE + "<i>gnp.exe");

		assertEveryOverrideIsIsolated(list);
		assertThat(list).contains("No connection name matches \"<bdi>" + OVERRIDE + "&lt;i&gt;gnp.exe</bdi>\".");
	}

	@Test
	void aProviderLoginInTheConnectionsTableIsIsolated() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Connection connection = testConnections.github(admin, "eu-west-1", "bidi-login");
		connections.completeHandshake(admin, connection.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("gnp" + OVERRIDE + ".exe", "Octo", "https://github.com/octocat"),
				new ProviderTokens("gho_token-for-the-bidi-test", null, null), null);

		String list = page(admin, "/connections?region=eu-west-1");

		assertEveryOverrideIsIsolated(list);
		assertThat(list).contains(">gnp" + OVERRIDE + ".exe</bdi>");
	}

	@Test
	void theProviderAccountAndTagValuesOnTheDetailsPageAreIsolated() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Connection connection = connections.create(admin, regions.require("eu-west-1"), ConnectionName.of("bidi-details"),
				ProviderType.GITHUB, new Tags(List.of(new Tag("note", "gnp" + OVERRIDE + ".exe"))));
		connections.completeHandshake(admin, connection.id(), HandshakeKind.COMPLETE,
				new Connection.ProviderAccount("octo" + OVERRIDE + "cat", "The " + OVERRIDE + "Octocat",
						"https://github.com/octocat"),
				new ProviderTokens("gho_token-for-the-bidi-test", null, null), null);

		assertEveryOverrideIsIsolated(page(admin, "/connections/{id}", connection.id().value()));
	}

	@Test
	void userNamesOnTheUsersPagesAreIsolatedAndInTheTitleBetweenUnicodeIsolates() throws Exception {
		Caller admin = testAccounts.newAdmin();
		Caller reversed = userNamed(admin, "trudy" + OVERRIDE + "-" + System.nanoTime());

		assertEveryOverrideIsIsolated(page(admin, "/settings/users"));
		String userPage = page(admin, "/settings/users/{id}", reversed.userId());
		assertEveryOverrideIsIsolated(userPage);
		assertThat(userPage).contains("<title>User \u2068" + reversed.username() + "\u2069 | Connections Console</title>");
	}

}
