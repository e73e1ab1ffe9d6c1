package io.connectionsconsole.handshake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.servlet.http.Cookie;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.provider.GitHubInstallations;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.FakeGitHubApp;
import io.connectionsconsole.support.GitHubAppTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.support.SessionIds;
import io.connectionsconsole.support.TestConnections;
import io.connectionsconsole.web.Flash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The GitHub handshake in the GitHub App mode: the user authorizes the app, then chooses one of the installations
 * their GitHub account can use, or installs the app on another account and comes back through the Setup URL. An
 * installation id is trusted only when GitHub lists it among the user's; the choice is the user's who started the
 * handshake, and nothing is stored before it is made.
 */
@GitHubAppTest
@ExtendWith(OutputCaptureExtension.class)
class AppHandshakeTest extends HandshakeTestBase {

	private static final long MINE = 71_001;

	private static final long ORG = 71_002;

	@Autowired
	TestConnections testConnections;

	@Autowired
	GitHubInstallations installations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AppHandshake appHandshake;

	@Autowired
	MeterRegistry meters;

	private final FakeGitHubApp app = FakeGitHubApp.get();

	/** The app's installations GitHub lists for the user: {@code ORG} only once it is installed there. */
	private void userInstallations(boolean orgInstalled, boolean suspended) {
		String mine = """
				{"id": %d, "account": {"login": "octo-fake", "type": "User"}, "repository_selection": "all",
				 "suspended_at": %s}""".formatted(MINE, suspended ? "\"2026-12-01T00:00:00Z\"" : "null");
		String org = """
				{"id": %d, "account": {"login": "octo-org", "type": "Organization"}, "repository_selection": "selected",
				 "suspended_at": null}""".formatted(ORG);
		app.server().stubFor(get(urlPathEqualTo(app.apiPath("/user/installations")))
			.willReturn(okJson("{\"total_count\": %d, \"installations\": [%s]}".formatted(orgInstalled ? 2 : 1,
					orgInstalled ? mine + "," + org : mine))));
	}

	/** Authorizes the app for the connection and answers the choice's id, from where the callback sends the user. */
	private String authorized(Connection connection) throws Exception {
		String location = flow.complete(caller, connection).andExpect(status().isFound()).andReturn().getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/connections/handshake/installation?choice=");
		return UriComponentsBuilder.fromUriString(location).build().getQueryParams().getFirst("choice");
	}

	/** Use installation, in the browser session of {@code session}'s cookies, if given. */
	private ResultActions choose(Caller who, String choice, long installation, Cookie... session) throws Exception {
		MockHttpServletRequestBuilder request = post("/connections/handshake/installation").param("choice", choice)
			.param("installation", String.valueOf(installation));
		if (session.length > 0) {
			request.cookie(session);
		}
		return mvc.perform(request.with(user(testAccounts.principal(who))).with(csrf()));
	}

	private ResultActions setup(String choice, long installation, String action) throws Exception {
		return mvc.perform(page("/connections/handshake/setup/github")
			.param("installation_id", String.valueOf(installation))
			.param("setup_action", action)
			.param("state", choice)
			.with(user(testAccounts.principal(caller))));
	}

	/** A GET of the console's (WireMock's {@code get} stubs GitHub's). */
	private static MockHttpServletRequestBuilder page(String path) {
		return MockMvcRequestBuilders.get(path);
	}

	private Connection reloaded(Connection connection) {
		return connections.get(caller, connection.id());
	}

	@Test
	void theUserAuthorizesTheAppThenUsesOneOfTheirInstallations() throws Exception {
		userInstallations(true, false);
		Connection connection = testConnections.github(caller, "us-west-2", "app-existing");

		String choice = authorized(connection);
		assertThat(reloaded(connection).status()).as("nothing stored before the choice")
			.isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);

		mvc.perform(page("/connections/handshake/installation")
			.param("choice", choice)
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Use installation octo-fake")))
			.andExpect(content().string(containsString("Use installation octo-org")))
			.andExpect(content().string(containsString("Selected repositories")))
			.andExpect(content().string(containsString(
					app.baseUrl() + "/apps/" + FakeGitHubApp.SLUG + "/installations/new?state=" + choice)));

		choose(caller, choice, ORG).andExpect(redirectedUrl("/connections?region=us-west-2"))
			.andExpect(flash().attribute("flash", new Flash("success", "flash.handshake.completed", "app-existing")));

		Connection available = reloaded(connection);
		assertThat(available.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(available.installationId()).isEqualTo(ORG);
		assertThat(available.providerAccount().login()).isEqualTo(fake.github().login());
		assertThat(installations.find(ORG)).get().satisfies((installation) -> {
			assertThat(installation.account()).isEqualTo("octo-org");
			assertThat(installation.allRepositories()).isFalse();
		});
		List<LoggedRequest> asked = app.server()
			.findAll(getRequestedFor(urlPathEqualTo(app.apiPath("/user/installations"))));
		assertThat(asked).isNotEmpty().allSatisfy((request) -> assertThat(fake.github()
			.accepts(request.getHeader("Authorization").replaceFirst("^Bearer ", ""))).isTrue());

		choose(caller, choice, ORG)
			.andExpect(flash().attribute("flash", new Flash("error", "flash.handshake.stateUnknown", null)));
	}

	@Test
	void anInstallationGitHubListsAsActiveIsNoLongerTakenForSuspendedWhenItsUnsuspensionWasMissed() throws Exception {
		userInstallations(false, false);
		choose(caller, authorized(testConnections.github(caller, "us-west-2", "app-before")), MINE);
		// suspended, and its unsuspension's delivery lost (GitHub doesn't deliver it again by itself)
		jdbc.sql("UPDATE github_installation SET suspended_at = CURRENT_TIMESTAMP WHERE id = :id")
			.param("id", MINE)
			.update();
		assertThat(installations.find(MINE)).get().satisfies((found) -> assertThat(found.suspended()).isTrue());

		Connection connection = testConnections.github(caller, "us-west-2", "app-after");
		choose(caller, authorized(connection), MINE)
			.andExpect(flash().attribute("flash", new Flash("success", "flash.handshake.completed", "app-after")));

		assertThat(installations.find(MINE)).get().satisfies((found) -> assertThat(found.suspended()).isFalse());
		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);

		// a suspension GitHub told of after it listed the installation as active stands
		jdbc.sql("UPDATE github_installation SET suspended_at = :after WHERE id = :id")
			.param("after", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1))
			.param("id", MINE)
			.update();
		choose(caller, authorized(testConnections.github(caller, "us-west-2", "app-later")), MINE);
		assertThat(installations.find(MINE)).get().satisfies((found) -> assertThat(found.suspended()).isTrue());
	}

	@Test
	void aChoiceNeverMadeIsDeletedWithTheUsersTokensOnceItIsAnHourOld() throws Exception {
		userInstallations(false, false);
		Connection abandoned = testConnections.github(caller, "us-west-2", "app-abandoned");
		Connection recent = testConnections.github(caller, "us-west-2", "app-recent");
		String abandonedChoice = authorized(abandoned);
		authorized(recent);
		jdbc.sql("UPDATE installation_choice SET created_at = :at WHERE connection_id = :id")
			.param("at", OffsetDateTime.now(ZoneOffset.UTC).minus(AppHandshake.CHOICE_KEPT).minusMinutes(1))
			.param("id", abandoned.id().value())
			.update();

		appHandshake.pruneChoices();

		assertThat(choicesOf(abandoned)).isZero();
		assertThat(choicesOf(recent)).isOne();
		choose(caller, abandonedChoice, MINE)
			.andExpect(flash().attribute("flash", new Flash("error", "flash.handshake.stateUnknown", null)));
		assertThat(reloaded(abandoned).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	private long choicesOf(Connection connection) {
		return jdbc.sql("SELECT COUNT(*) FROM installation_choice WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(Long.class)
			.single();
	}

	@Test
	void aHandshakeCountsAsCompletedOnceItsChoiceIsMadeAndNotAsFailedForAChoiceRefusedAndMadeAgain() throws Exception {
		userInstallations(false, true);
		double completed = meters.counter("console.handshakes.completed", "provider", "github").count();
		double suspended = meters.counter("console.handshakes.failed", "provider", "github", "outcome",
				"INSTALLATION_SUSPENDED").count();
		double unknown = meters.counter("console.handshakes.failed", "provider", "github", "outcome", "STATE_UNKNOWN")
			.count();
		String choice = authorized(testConnections.github(caller, "us-west-2", "app-counted"));

		choose(caller, choice, MINE);
		userInstallations(false, false);
		choose(caller, choice, MINE);
		choose(caller, choice, MINE);

		assertThat(meters.counter("console.handshakes.completed", "provider", "github").count()).isEqualTo(completed + 1);
		assertThat(meters.counter("console.handshakes.failed", "provider", "github", "outcome", "INSTALLATION_SUSPENDED")
			.count()).as("the handshake went on").isEqualTo(suspended);
		assertThat(meters.counter("console.handshakes.failed", "provider", "github", "outcome", "STATE_UNKNOWN").count())
			.as("the handshake was over").isEqualTo(unknown);
	}

	/** Started on the details page, a choice refused and made again still ends there: the handshake stayed open. */
	@Test
	void aChoiceRefusedAndMadeAgainEndsOnTheDetailsPageTheHandshakeWasStartedFrom() throws Exception {
		userInstallations(false, true);
		Connection connection = testConnections.github(caller, "us-west-2", "app-from-details");
		String details = "/connections/" + connection.id().value();
		var principal = user(testAccounts.principal(caller));
		Cookie[] session = mvc.perform(page(details).with(principal)).andReturn().getResponse().getCookies();
		String authorize = mvc
			.perform(post(details + "/handshake").param("back", "details").cookie(session).with(principal).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String location = mvc.perform(MockMvcRequestBuilders.get(flow.authorizeLink(authorize)).cookie(session)
			.with(principal)).andReturn().getResponse().getRedirectedUrl();
		String choice = UriComponentsBuilder.fromUriString(location).build().getQueryParams().getFirst("choice");

		choose(caller, choice, MINE, session).andExpect(redirectedUrl(details))
			.andExpect(flash().attribute("flash",
					new Flash("error", "flash.handshake.installationSuspended", "app-from-details")));
		userInstallations(false, false);
		choose(caller, choice, MINE, session).andExpect(redirectedUrl(details))
			.andExpect(flash().attribute("flash", new Flash("success", "flash.handshake.completed", "app-from-details")));
		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void theSetupUrlTrustsOnlyAnInstallationGitHubListsAsTheUsers(CapturedOutput output) throws Exception {
		userInstallations(false, false);
		Connection connection = testConnections.github(caller, "us-west-2", "app-installed");
		String choice = authorized(connection);

		setup(choice, ORG, "install").andExpect(redirectedUrl("/connections?region=us-west-2"))
			.andExpect(flash().attribute("flash",
					new Flash("error", "flash.handshake.installationNotYours", "app-installed")));
		// the user's to choose again: said with whose choice, of what, for which connection
		assertThat(LogLines.containing(output, "Installation choice of installation " + ORG + " by "
				+ caller.username() + " refused for " + connection.arn() + ": INSTALLATION_NOT_YOURS"))
			.singleElement()
			.satisfies((line) -> assertThat(LogLines.levelOf(line)).isEqualTo("INFO"));
		assertThat(LogLines.at(output, "WARN")).isEmpty();
		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);

		userInstallations(true, false);
		setup(choice, ORG, "install")
			.andExpect(flash().attribute("flash", new Flash("success", "flash.handshake.completed", "app-installed")));

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded(connection).installationId()).isEqualTo(ORG);
	}

	@Test
	void anInstallationAnOwnerMustApproveLeavesTheConnectionPending() throws Exception {
		userInstallations(false, false);
		Connection connection = testConnections.github(caller, "us-west-2", "app-requested");
		String choice = authorized(connection);

		mvc.perform(page("/connections/handshake/setup/github")
			.param("setup_action", "request")
			.param("state", choice)
			.with(user(testAccounts.principal(caller))))
			.andExpect(flash().attribute("flash",
					new Flash("error", "flash.handshake.installationRequested", "app-requested")));

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void aChoiceWhoseAuthorizationWasRevokedAtGitHubSinceSaysSoAndChangesNothing() throws Exception {
		Connection connection = testConnections.github(caller, "us-west-2", "app-withdrawn");
		String choice = authorized(connection);
		// the user's token, revoked at GitHub between their authorization and their choice
		app.server().stubFor(get(urlPathEqualTo(app.apiPath("/user/installations")))
			.willReturn(aResponse().withStatus(401).withBody("{\"message\": \"Bad credentials\"}")));

		choose(caller, choice, MINE).andExpect(flash().attribute("flash",
				new Flash("error", "flash.handshake.authorizationWithdrawn", "app-withdrawn")));

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void anotherUsersChoiceASuspendedInstallationAndAnExpiredChoiceChangeNothing() throws Exception {
		userInstallations(true, true);
		Connection connection = testConnections.github(caller, "us-west-2", "app-refused");
		String choice = authorized(connection);
		Caller colleague = testAccounts.newUser(caller.accountId(), Role.ADMIN);

		choose(colleague, choice, ORG)
			.andExpect(flash().attribute("flash", new Flash("error", "flash.handshake.stateUnknown", null)));
		choose(caller, choice, MINE)
			.andExpect(flash().attribute("flash", new Flash("error", "flash.handshake.installationSuspended", "app-refused")));
		jdbc.sql("UPDATE installation_choice SET created_at = :old WHERE connection_id = :id")
			.param("old", Instant.now().minusSeconds(11 * 60).atOffset(ZoneOffset.UTC))
			.param("id", connection.id().value())
			.update();
		choose(caller, choice, ORG)
			.andExpect(flash().attribute("flash", new Flash("error", "flash.handshake.stateExpired", "app-refused")));

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(reloaded(connection).installationId()).isNull();
	}

	@Test
	void theChoicePageKeepsTheUsersTokensOutOfIt() throws Exception {
		userInstallations(false, false);
		Connection connection = testConnections.github(caller, "us-west-2", "app-page");
		String choice = authorized(connection);
		String token = fake.github().issuedAccessTokens().getLast();

		mvc.perform(page("/connections/handshake/installation")
			.param("choice", choice)
			.with(user(testAccounts.principal(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(token))))
			.andExpect(content().string(not(containsString("Use installation octo-org"))));
		String stored = jdbc.sql("SELECT access_token FROM installation_choice WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(String.class)
			.single();
		assertThat(stored).isNotEqualTo(token).doesNotContain(token);
		assertThat(jdbc.sql("SELECT id FROM installation_choice WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query(String.class)
			.single()).as("kept under the hash of its state").isEqualTo(SessionIds.sha256(choice));
	}


	@Test
	void updateAuthorizationMovesAConnectionWhoseInstallationWasDeletedOntoAnother() throws Exception {
		userInstallations(true, false);
		Connection connection = testConnections.github(caller, "us-west-2", "app-moved");
		choose(caller, authorized(connection), MINE);
		jdbc.sql("UPDATE connection SET status = 'ERROR', last_check_detail = 'INSTALLATION_DELETED' WHERE id = :id")
			.param("id", connection.id().value())
			.update();

		String location = flow.reauthorize(caller, connection).andExpect(status().isFound()).andReturn().getResponse()
			.getRedirectedUrl();
		String choice = UriComponentsBuilder.fromUriString(location).build().getQueryParams().getFirst("choice");
		choose(caller, choice, ORG)
			.andExpect(flash().attribute("flash", new Flash("success", "flash.handshake.completed", "app-moved")));

		Connection moved = reloaded(connection);
		assertThat(moved.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(moved.installationId()).isEqualTo(ORG);
		assertThat(moved.arn()).isEqualTo(connection.arn());
	}

}
