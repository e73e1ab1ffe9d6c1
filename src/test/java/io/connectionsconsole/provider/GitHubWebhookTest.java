package io.connectionsconsole.provider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.audit.AuditEvent;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.monitoring.RequestLog;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.FakeGitHubApp;
import io.connectionsconsole.support.GitHubAppTest;
import io.connectionsconsole.support.TestAccounts;
import io.connectionsconsole.support.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * GitHub's webhooks at the GitHub App's one URL: only a delivery signed with the webhook secret is read (GitHub's
 * published example checks the HMAC), a redelivery changes nothing twice, and each event moves the connections its
 * installation serves as GitHub says. A connection is bound to its installation here as the app's handshake binds it.
 */
@GitHubAppTest
@ExtendWith(OutputCaptureExtension.class)
class GitHubWebhookTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	GitHubWebhooks webhooks;

	@Autowired
	GitHubInstallations installations;

	@Autowired
	GitHubApp gitHubApp;

	private final FakeGitHubApp app = FakeGitHubApp.get();

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	TestConnections testConnections;

	@Autowired
	ConnectionService connections;

	@Autowired
	SecretCipher cipher;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConnectionChecks checks;

	@Autowired
	LoggingSystem logging;

	Caller caller;

	long installation;

	@BeforeEach
	void newAccountAndInstallation() {
		caller = testAccounts.newAdmin();
		installation = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
		jdbc.sql("""
				INSERT INTO github_installation (id, account_login, repository_selection, updated_at)
				VALUES (:id, 'octo-org', 'selected', :at)""")
			.param("id", installation)
			.param("at", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	/** An available connection of the caller's that the installation serves, authorized by the GitHub user. */
	/** A connection the GitHub user {@code login} authorized through the app's handshake: it keeps their token. */
	Connection servedBy(long installation, String name, String login) {
		Connection connection = boundTo(installation, name, login);
		jdbc.sql("UPDATE connection SET access_token = :sealed WHERE id = :id")
			.param("sealed", cipher.encrypt("ghu_user-to-server-token"))
			.param("id", connection.id().value())
			.update();
		return connection;
	}

	/** A connection bound to the installation on {@code login}'s account without a handshake: no user's token. */
	private Connection boundTo(long installation, String name, String login) {
		Connection connection = testConnections.github(caller, "us-west-2", name);
		jdbc.sql("""
				UPDATE connection SET status = 'AVAILABLE', provider_login = :login, installation_id = :installation
				WHERE id = :id""")
			.param("login", login)
			.param("installation", installation)
			.param("id", connection.id().value())
			.update();
		return connection;
	}

	private Connection reloaded(Connection connection) {
		return connections.get(caller, connection.id());
	}

	private static MockHttpServletRequestBuilder delivery(String event, String id, String body) {
		return post("/webhooks/github").contentType(MediaType.APPLICATION_JSON)
			.header("X-GitHub-Event", event)
			.header("X-GitHub-Delivery", id)
			.content(body);
	}

	private ResultActions signed(String event, String id, String body) throws Exception {
		return mvc.perform(delivery(event, id, body).header("X-Hub-Signature-256",
				FakeGitHubApp.signature(body.getBytes(StandardCharsets.UTF_8))));
	}

	private String installationEvent(String action) {
		return """
				{"action": "%s", "installation": {"id": %d, "account": {"login": "octo-org", "type": "Organization"},
				 "repository_selection": "selected"}, "sender": {"login": "octocat"}}""".formatted(action, installation);
	}

	private long deliveries(String id) {
		return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE id = :id").param("id", id).query(Long.class).single();
	}

	@Test
	void githubsPublishedExampleSignatureVerifies() {
		byte[] example = "Hello, World!".getBytes(StandardCharsets.UTF_8);

		assertThat(webhooks.signedByGitHub(example, FakeGitHubApp.EXAMPLE_SIGNATURE)).isTrue();
		assertThat(webhooks.signedByGitHub(example, FakeGitHubApp.EXAMPLE_SIGNATURE.toUpperCase().replace("SHA256", "sha256")))
			.as("hex in capitals").isTrue();
		assertThat(webhooks.signedByGitHub("Hello, World?".getBytes(StandardCharsets.UTF_8),
				FakeGitHubApp.EXAMPLE_SIGNATURE)).as("another body").isFalse();
		assertThat(webhooks.signedByGitHub(example, FakeGitHubApp.EXAMPLE_SIGNATURE.substring("sha256=".length())))
			.as("without its algorithm").isFalse();
		assertThat(webhooks.signedByGitHub(example, FakeGitHubApp.EXAMPLE_SIGNATURE.substring(0, 40)))
			.as("cut short").isFalse();
		assertThat(webhooks.signedByGitHub(example, "sha256=not-hex")).isFalse();
		assertThat(webhooks.signedByGitHub(example, null)).isFalse();
	}

	@Test
	void anUnsignedOrWronglySignedDeliveryIsRefusedWith401AndChangesNothing() throws Exception {
		Connection connection = servedBy(installation, "unsigned", "octocat");
		String body = installationEvent("suspend");
		String unsigned = UUID.randomUUID().toString();
		String wronglySigned = UUID.randomUUID().toString();
		String signedOtherBody = UUID.randomUUID().toString();

		mvc.perform(delivery("installation", unsigned, body))
			.andExpect(status().isUnauthorized())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("X-Hub-Signature-256")));
		mvc.perform(delivery("installation", wronglySigned, body).header("X-Hub-Signature-256",
				"sha256=" + "0".repeat(64)))
			.andExpect(status().isUnauthorized());
		mvc.perform(delivery("installation", signedOtherBody, body).header("X-Hub-Signature-256",
				FakeGitHubApp.signature(installationEvent("unsuspend").getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isUnauthorized());

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(deliveries(unsigned) + deliveries(wronglySigned) + deliveries(signedOtherBody)).isZero();
	}

	@Test
	void aSuspendedInstallationPutsItsConnectionsInErrorAndUnsuspendBringsThemBack(CapturedOutput output)
			throws Exception {
		Connection served = servedBy(installation, "served", "octocat");
		Connection other = testConnections.github(caller, "us-west-2", "not-served");

		signed("installation", UUID.randomUUID().toString(), installationEvent("suspend")).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("1 connection(s) moved")));

		Connection suspended = reloaded(served);
		assertThat(suspended.status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(suspended.lastCheck().detail()).isEqualTo(CheckOutcome.INSTALLATION_SUSPENDED.name());
		assertThat(reloaded(other).status()).isEqualTo(ConnectionStatus.PENDING_HANDSHAKE);
		AuditEvent recorded = audit.latest(caller.accountId().value(), 1).getFirst();
		assertThat(recorded.actor()).isEqualTo(ConnectionService.WEBHOOK_ACTOR);
		assertThat(recorded.action()).isEqualTo("ConnectionError");
		assertThat(recorded.resource()).isEqualTo(served.arn().value());
		assertThat(LogLines.containing(output, served.arn() + " is now ERROR")).singleElement()
			.satisfies((line) -> assertThat(LogLines.levelOf(line)).isEqualTo("WARN"))
			.asString()
			.contains("INSTALLATION_SUSPENDED, found by a webhook by github-webhook");

		signed("installation", UUID.randomUUID().toString(), installationEvent("unsuspend")).andExpect(status().isOk());

		Connection back = reloaded(served);
		assertThat(back.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(back.lastCheck().ok()).isTrue();
		assertThat(audit.latest(caller.accountId().value(), 1).getFirst().action()).isEqualTo("ConnectionRestored");
	}

	@Test
	void aRedeliveryChangesNothingTwice() throws Exception {
		Connection connection = servedBy(installation, "redelivered", "octocat");
		String suspend = UUID.randomUUID().toString();

		signed("installation", suspend, installationEvent("suspend")).andExpect(status().isOk());
		signed("installation", UUID.randomUUID().toString(), installationEvent("unsuspend")).andExpect(status().isOk());
		signed("installation", suspend, installationEvent("suspend")).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("taken before")));

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(deliveries(suspend)).isOne();
	}

	@Test
	void aDeletedInstallationPutsItsConnectionsInErrorAndLeavesOtherInstallationsAlone() throws Exception {
		Connection served = servedBy(installation, "deleted-install", "octocat");
		long otherInstallation = installation + 1;
		jdbc.sql("""
				INSERT INTO github_installation (id, account_login, repository_selection, updated_at)
				VALUES (:id, 'someone-else', 'all', :at)""")
			.param("id", otherInstallation)
			.param("at", Instant.now().atOffset(ZoneOffset.UTC))
			.update();
		Connection elsewhere = servedBy(otherInstallation, "other-install", "someone");

		signed("installation", UUID.randomUUID().toString(), installationEvent("deleted")).andExpect(status().isOk());

		assertThat(reloaded(served).status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(reloaded(served).lastCheck().detail()).isEqualTo(CheckOutcome.INSTALLATION_DELETED.name());
		assertThat(reloaded(elsewhere).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(jdbc.sql("SELECT deleted_at FROM github_installation WHERE id = :id")
			.param("id", installation)
			.query(Object.class)
			.single()).isNotNull();
	}

	@Test
	void repositoriesTakenOutOfTheSelectionAreKnownUntilAddedBack() throws Exception {
		RepoName widgets = RepoName.parse("octo-org/widgets");
		String removed = """
				{"action": "removed", "installation": {"id": %d, "account": {"login": "octo-org"}},
				 "repository_selection": "selected", "repositories_added": [],
				 "repositories_removed": [{"id": 1, "name": "widgets", "full_name": "octo-org/Widgets"}]}"""
			.formatted(installation);
		String added = removed.replace("\"removed\"", "\"added\"")
			.replace("\"repositories_added\": []", "\"repositories_added\": [{\"full_name\": \"octo-org/widgets\"}]")
			.replace("\"repositories_removed\": [{\"id\": 1, \"name\": \"widgets\", \"full_name\": \"octo-org/Widgets\"}]",
					"\"repositories_removed\": []");

		installations.counted(installation, 3);
		signed("installation_repositories", UUID.randomUUID().toString(), removed).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("1 removed")));
		assertThat(installations.find(installation)).get().extracting(GitHubInstallations.Installation::repositories)
			.as("the count read before, less the one removed").isEqualTo(2);
		assertThat(installations.removedFromInstallation(installation, widgets)).isTrue();
		assertThat(installations.removedFromInstallation(installation, RepoName.parse("octo-org/gadgets"))).isFalse();

		signed("installation_repositories", UUID.randomUUID().toString(), added).andExpect(status().isOk());
		assertThat(installations.removedFromInstallation(installation, widgets)).isFalse();
	}

	@Test
	void anAccountRenamedAtGitHubIsKnownByItsNewNameAndItsRepositoriesCanBeLinked() throws Exception {
		Connection connection = servedBy(installation, "gh-renamed-org", "octocat");
		String renamed = """
				{"action": "renamed", "account": {"login": "octo-renamed", "type": "Organization"},
				 "changes": {"login": {"from": "octo-org"}}, "installation": {"id": %d}, "target_type": "Organization",
				 "sender": {"login": "octocat"}}""".formatted(installation);

		signed("installation_target", UUID.randomUUID().toString(), renamed).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("its account is now octo-renamed")));

		assertThat(installations.find(installation)).get().extracting(GitHubInstallations.Installation::account)
			.isEqualTo("octo-renamed");
		assertThatThrownBy(() -> checks.requireRepository(caller, connection.id(), RepoName.parse("octo-org/widgets")))
			.hasMessageContaining("installation on octo-renamed: only its repositories can be linked");
	}

	/** GitHub's word that the user {@code login} revoked the app's authorization. */
	private void revokedBy(String login) throws Exception {
		signed("github_app_authorization", UUID.randomUUID().toString(),
				"{\"action\": \"revoked\", \"sender\": {\"login\": \"" + login + "\"}}")
			.andExpect(status().isOk());
	}

	@Test
	void aRevokedAuthorizationPutsTheConnectionsTheUserAuthorizedInError() throws Exception {
		Connection theirs = servedBy(installation, "revoker", "Revoking-User");
		Connection another = servedBy(installation, "not-revoker", "octocat");
		Connection bound = boundTo(installation, "bound-to-theirs", "Revoking-User");

		revokedBy("revoking-user");

		assertThat(reloaded(theirs).status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(reloaded(theirs).lastCheck().detail()).isEqualTo(CheckOutcome.AUTHORIZATION_REVOKED.name());
		assertThat(reloaded(another).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded(bound).status()).as("bound to their installation, authorized by no one")
			.isEqualTo(ConnectionStatus.AVAILABLE);
	}

	@Test
	void anUnsuspendedInstallationRestoresOnlyTheConnectionsItsSuspensionPutInError() throws Exception {
		Connection revoked = servedBy(installation, "revoked-then-suspended", "Revoking-User");
		Connection suspendedOnly = servedBy(installation, "suspended-only", "octocat");
		revokedBy("revoking-user");
		signed("installation", UUID.randomUUID().toString(), installationEvent("suspend")).andExpect(status().isOk());

		signed("installation", UUID.randomUUID().toString(), installationEvent("unsuspend")).andExpect(status().isOk());

		assertThat(reloaded(suspendedOnly).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(reloaded(revoked).status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(reloaded(revoked).lastCheck().detail()).isEqualTo(CheckOutcome.AUTHORIZATION_REVOKED.name());
	}

	@Test
	void aConnectionWhoseUserRevokedTheAuthorizationWhileSuspendedStaysInErrorWhenTheSuspensionIsLifted()
			throws Exception {
		Connection revoked = servedBy(installation, "suspended-then-revoked", "Revoking-User");
		signed("installation", UUID.randomUUID().toString(), installationEvent("suspend")).andExpect(status().isOk());
		revokedBy("revoking-user");
		assertThat(reloaded(revoked).lastCheck().detail()).isEqualTo(CheckOutcome.AUTHORIZATION_REVOKED.name());

		signed("installation", UUID.randomUUID().toString(), installationEvent("unsuspend")).andExpect(status().isOk());

		assertThat(reloaded(revoked).status()).isEqualTo(ConnectionStatus.ERROR);
		assertThat(reloaded(revoked).lastCheck().detail()).isEqualTo(CheckOutcome.AUTHORIZATION_REVOKED.name());
	}

	@Test
	void aDeliveryWithoutItsHeadersOrJsonIsRefusedAndChangesNothing() throws Exception {
		Connection connection = servedBy(installation, "bad-delivery", "octocat");
		String body = installationEvent("suspend");
		String signature = FakeGitHubApp.signature(body.getBytes(StandardCharsets.UTF_8));

		mvc.perform(post("/webhooks/github").contentType(MediaType.APPLICATION_JSON)
			.header("X-Hub-Signature-256", signature)
			.content(body)).andExpect(status().isBadRequest());
		mvc.perform(delivery("installation", "not a delivery id!", body).header("X-Hub-Signature-256", signature))
			.andExpect(status().isBadRequest());
		String notJson = "payload=%7B%7D";
		mvc.perform(delivery("installation", UUID.randomUUID().toString(), notJson).header("X-Hub-Signature-256",
				FakeGitHubApp.signature(notJson.getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isBadRequest());
		mvc.perform(delivery("installation", UUID.randomUUID().toString(), body)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.header("X-Hub-Signature-256", signature))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
			.andExpect(content().string("A delivery's body is JSON: set the webhook's content type to application/json. "
					+ "Nothing changed.\n"));

		assertThat(reloaded(connection).status()).isEqualTo(ConnectionStatus.AVAILABLE);
		// a client that asks for JSON back still has its delivery taken, and gets the line
		mvc.perform(delivery("installation", UUID.randomUUID().toString(), installationEvent("unsuspend"))
			.accept(MediaType.APPLICATION_JSON)
			.header("X-Hub-Signature-256",
					FakeGitHubApp.signature(installationEvent("unsuspend").getBytes(StandardCharsets.UTF_8))))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN));
	}

	@Test
	void eachDeliverysRequestLineSaysWhatItWasOrWhyItWasRefused(CapturedOutput output) throws Exception {
		servedBy(installation, "logged-delivery", "octocat");
		String body = installationEvent("suspend");
		logging.setLogLevel(RequestLog.class.getName(), LogLevel.INFO);
		try {
			signed("installation", UUID.randomUUID().toString(), body).andExpect(status().isOk());
			mvc.perform(delivery("installation", UUID.randomUUID().toString(), body))
				.andExpect(status().isUnauthorized());
			String notJson = "payload=%7B%7D";
			signed("installation", UUID.randomUUID().toString(), notJson).andExpect(status().isBadRequest());
			signed("installation", "not a delivery id!", body).andExpect(status().isBadRequest());
		}
		finally {
			logging.setLogLevel(RequestLog.class.getName(), LogLevel.WARN);
		}

		Pattern requestLine = Pattern.compile("POST /webhooks/github (\\d+) \\d+ ms ([a-z._-]+)");
		// the request lines alone (a test class before may have turned on Spring Security's lines about the route)
		assertThat(LogLines.containing(output, "POST /webhooks/github ").stream()
			.map(requestLine::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1) + " " + matcher.group(2)))
			.containsExactly("200 installation.suspend", "401 bad-signature", "400 not-json",
					"400 no-event-or-delivery-id");
	}

	@Test
	void oldDeliveriesArePruned() throws Exception {
		String id = UUID.randomUUID().toString();
		signed("ping", id, "{\"zen\": \"Keep it logically awesome.\"}").andExpect(status().isOk());

		assertThat(webhooks.pruneDeliveriesBefore(Instant.now().minus(GitHubWebhooks.DELIVERIES_KEPT))).isZero();
		assertThat(deliveries(id)).isOne();
		assertThat(webhooks.pruneDeliveriesBefore(Instant.now().plusSeconds(60))).isPositive();
		assertThat(deliveries(id)).isZero();
	}


	@Test
	void acceptedNewPermissionsMakeTheNextInstallationTokenAFreshOne() throws Exception {
		String tokens = app.apiPath("/app/installations/" + installation + "/access_tokens");
		app.server().stubFor(WireMock.post(WireMock.urlPathEqualTo(tokens)).willReturn(WireMock.aResponse()
			.withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"token\": \"ghs_kept\", \"expires_at\": \"" + Instant.now().plusSeconds(3600) + "\"}")));
		gitHubApp.token(installation, null);
		gitHubApp.token(installation, null);
		assertThat(app.server().findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(tokens)))).hasSize(1);

		signed("installation", UUID.randomUUID().toString(), installationEvent("new_permissions_accepted"))
			.andExpect(status().isOk());
		gitHubApp.token(installation, null);

		assertThat(app.server().findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(tokens)))).hasSize(2);
	}

}
