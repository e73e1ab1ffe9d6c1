package io.connectionsconsole.handshake;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionCredentials;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.FakeProvider;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.web.Flash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** The handshake end to end against the fake GitHub and Bitbucket: success, cancel, and provider failures. */
@HandshakeTest
@ExtendWith(OutputCaptureExtension.class)
class HandshakeFlowTest extends HandshakeTestBase {

	private Connection connection(String name, ProviderType type) {
		return connections.create(caller, regions.require("eu-west-1"), ConnectionName.of(name), type, Tags.none());
	}

	@Test
	void completeHandshakeSendsTheBrowserToGitHubWithStateScopesAndPkce() throws Exception {
		Connection connection = connection("gh-redirect", ProviderType.GITHUB);

		String location = flow.start(caller, connection);

		assertThat(location).startsWith(fake.github().authorizationUri(fake.baseUrl()) + "?");
		assertThat(queryOf(location)).containsEntry("response_type", "code")
			.containsEntry("client_id", FakeProviders.GITHUB_CLIENT_ID)
			.containsEntry("scope", "repo read:user")
			.containsEntry("redirect_uri", "http://localhost/connections/handshake/callback/github")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "code_challenge");
		assertThat(queryOf(location).get("state")).hasSizeGreaterThanOrEqualTo(43);
	}

	/**
	 * Complete handshake and Update authorization chosen on a connection's details page end there, in the session that
	 * started them, as does a start the connection's status refuses; the callback in another session, or loaded again
	 * once it has ended, ends on the list.
	 */
	@Test
	void aHandshakeStartedFromTheDetailsPageEndsThere() throws Exception {
		Connection connection = connection("gh-from-details", ProviderType.GITHUB);
		String details = "/connections/" + connection.id().value();
		var principal = user(testAccounts.principal(caller));
		// the session is the console's (its cookie), not the servlet container's
		Cookie[] session = mvc.perform(get(details).with(principal)).andReturn().getResponse().getCookies();
		mvc.perform(post(details + "/reauthorize").param("back", "details").cookie(session).with(principal).with(csrf()))
			.andExpect(redirectedUrl(details))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.notReauthorizable", "gh-from-details")));

		URI callback = flow.authorizeLink(mvc
			.perform(post(details + "/handshake").param("back", "details").cookie(session).with(principal).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl());
		mvc.perform(get(callback).cookie(session).with(principal))
			.andExpect(redirectedUrl(details))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "gh-from-details")));
		mvc.perform(get(callback).cookie(session).with(principal)).andExpect(redirectedUrl("/connections?region=eu-west-1"));

		URI elsewhere = flow.authorizeLink(mvc
			.perform(post(details + "/reauthorize").param("back", "details").cookie(session).with(principal).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl());
		mvc.perform(get(elsewhere).with(principal))
			.andExpect(redirectedUrl("/connections?region=eu-west-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "gh-from-details")));
	}

	@Test
	void aGitHubHandshakeMakesTheConnectionAvailableWithItsAccountAndToken() throws Exception {
		Connection connection = connection("gh-complete", ProviderType.GITHUB);

		flow.complete(caller, connection)
			.andExpect(redirectedUrl("/connections?region=eu-west-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "gh-complete")));

		Connection completed = connections.get(caller, connection.id());
		assertThat(completed.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(completed.providerAccount())
			.isEqualTo(new Connection.ProviderAccount("octo-fake", "Octo Fake", "https://github.com/octo-fake"));
		assertThat(completed.lastCheck().ok()).isTrue();
		ConnectionCredentials stored = connections.credentialsForCheck(caller, connection.id());
		assertThat(stored.tokens().accessToken()).isEqualTo(fake.github().issuedAccessTokens().get(0));
		assertThat(stored.tokens().expiresAt()).as("GitHub tokens don't expire").isNull();
		assertThat(stored.tokens().refreshToken()).isNull();
		assertThat(fake.github().tokenRequests().get(0)).containsEntry("grant_type", "authorization_code")
			.containsEntry("redirect_uri", "http://localhost/connections/handshake/callback/github")
			.containsKey("code_verifier");
	}

	@Test
	void anEnterpriseManagedUserWhoseLoginEndsInTheEnterprisesShortCodeCompletesTheHandshake() throws Exception {
		Connection connection = connection("gh-managed", ProviderType.GITHUB);
		fake.github().user("mona-cat_octo", "Mona Cat");

		flow.complete(caller, connection)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "gh-managed")));

		assertThat(connections.get(caller, connection.id()).providerAccount()).isEqualTo(
				new Connection.ProviderAccount("mona-cat_octo", "Mona Cat", "https://github.com/mona-cat_octo"));
	}

	@Test
	void aBitbucketHandshakeStoresTheRefreshTokenAndTheExpiry() throws Exception {
		Connection connection = connection("bb-complete", ProviderType.BITBUCKET);

		String location = flow.start(caller, connection);
		assertThat(queryOf(location)).containsEntry("scope", "account repository")
			.containsEntry("redirect_uri", "http://localhost/connections/handshake/callback/bitbucket");
		flow.callback(caller, flow.authorizeLink(location))
			.andExpect(redirectedUrl("/connections?region=eu-west-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("success", "flash.handshake.completed", "bb-complete")));

		Connection completed = connections.get(caller, connection.id());
		assertThat(completed.status()).isEqualTo(ConnectionStatus.AVAILABLE);
		assertThat(completed.providerAccount()).isEqualTo(
				new Connection.ProviderAccount("bucket-fake", "Bucket Fake", "https://bitbucket.org/bucket-fake/"));
		ConnectionCredentials stored = connections.credentialsForCheck(caller, connection.id());
		assertThat(stored.tokens().refreshToken()).isEqualTo(fake.bitbucket().issuedRefreshTokens().get(0));
		assertThat(stored.tokens().expiresAt()).isCloseTo(Instant.now().plusSeconds(7200),
				within(Duration.ofMinutes(1)));
	}

	@Test
	void theCompletedHandshakeIsAnnouncedOnTheConnectedAccountsPage() throws Exception {
		Connection connection = connection("gh-announced", ProviderType.GITHUB);
		MvcResult callback = flow.complete(caller, connection).andReturn();

		mvc.perform(get(callback.getResponse().getRedirectedUrl()).cookie(callback.getResponse().getCookies())
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("Connection gh-announced is available")));
	}

	@Test
	void cancellingAtTheProviderKeepsTheConnectionPendingAndSaysSo() throws Exception {
		Connection connection = connection("gh-cancel", ProviderType.GITHUB);

		MvcResult callback = flow.callback(caller, flow.cancelLink(flow.start(caller, connection)))
			.andExpect(redirectedUrl("/connections?region=eu-west-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", "flash.handshake.cancelled", "gh-cancel")))
			.andReturn();

		assertUnchanged(connection, ConnectionStatus.PENDING_HANDSHAKE);
		assertThat(fake.github().tokenRequests()).isEmpty();
		mvc.perform(get(callback.getResponse().getRedirectedUrl()).cookie(callback.getResponse().getCookies())
			.with(user(testAccounts.principal(caller))))
			.andExpect(content().string(containsString("The handshake of gh-cancel was cancelled at the provider")));
	}

	@Test
	void theProvidersRefusalIsLoggedOnOneShortLine(CapturedOutput output) throws Exception {
		Connection connection = connection("gh-refusal-log", ProviderType.GITHUB);
		URI cancel = flow.cancelLink(flow.start(caller, connection));
		String description = "line one\nline two " + "x".repeat(1_000);

		flow.callback(caller, UriComponentsBuilder.fromUri(cancel)
			.replaceQueryParam("error_description", "{description}")
			.build(description));

		assertThat(output)
			.contains("refused at the provider's authorize page: access_denied line one\\u000Aline two x")
			.contains("x".repeat(150) + "…")
			.doesNotContain("x".repeat(200));
	}

	@Test
	void aCancelledBitbucketHandshakeCanBeCompletedAfterwards() throws Exception {
		Connection connection = connection("bb-retry", ProviderType.BITBUCKET);
		flow.callback(caller, flow.cancelLink(flow.start(caller, connection)));

		flow.complete(caller, connection)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.handshake.completed", "bb-retry")));

		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

	static Stream<Arguments> tokenEndpointFailures() {
		return Stream.of(
				Arguments.of(ProviderType.GITHUB, serverError(), "flash.handshake.providerFailed"),
				Arguments.of(ProviderType.BITBUCKET, aResponse().withStatus(503), "flash.handshake.providerFailed"),
				Arguments.of(ProviderType.GITHUB,
						okJson("{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is "
								+ "incorrect or expired.\"}"),
						"flash.handshake.codeRejected"),
				Arguments.of(ProviderType.GITHUB,
						okJson("{\"error\":\"incorrect_client_credentials\",\"error_description\":\"The client_id "
								+ "and/or client_secret passed are incorrect.\"}"),
						"flash.handshake.clientRejected"),
				Arguments.of(ProviderType.GITHUB, okJson("{\"error\":\"unsupported_thing\"}"),
						"flash.handshake.providerError"),
				Arguments.of(ProviderType.BITBUCKET,
						aResponse().withStatus(400).withHeader("Content-Type", "application/json")
							.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"The code has expired\"}"),
						"flash.handshake.codeRejected"),
				Arguments.of(ProviderType.BITBUCKET,
						aResponse().withStatus(401).withHeader("Content-Type", "application/json")
							.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Invalid OAuth client credentials\"}"),
						"flash.handshake.clientRejected"),
				Arguments.of(ProviderType.GITHUB, aResponse().withStatus(403).withHeader("Content-Type", "text/html")
					.withBody("<html>Forbidden</html>"), "flash.handshake.unreadableAnswer"),
				Arguments.of(ProviderType.GITHUB, okJson("{\"access_token\": \"gho_unterminated"),
						"flash.handshake.unreadableAnswer"),
				Arguments.of(ProviderType.BITBUCKET, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
					.withBody("<html>maintenance</html>"), "flash.handshake.unreadableAnswer"),
				Arguments.of(ProviderType.BITBUCKET, aResponse().withStatus(429).withHeader("Retry-After", "30"),
						"flash.handshake.rateLimited"),
				Arguments.of(ProviderType.GITHUB, okJson("{}").withFixedDelay(FakeProviders.SLOW_MILLIS),
						"flash.handshake.providerUnreachable"));
	}

	@ParameterizedTest(name = "{0} token endpoint answering {2}")
	@MethodSource("tokenEndpointFailures")
	void aFailingTokenEndpointLeavesTheConnectionPendingWithAClearMessage(ProviderType type,
			ResponseDefinitionBuilder answer, String message, CapturedOutput output) throws Exception {
		Connection connection = connection("token-fails", type);
		String location = flow.start(caller, connection);
		URI authorize = flow.authorizeLink(location);
		provider(type).tokenEndpointAnswers(answer);

		flow.callback(caller, authorize)
			.andExpect(redirectedUrl("/connections?region=eu-west-1"))
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("error", message, "token-fails")));

		assertUnchanged(connection, ConnectionStatus.PENDING_HANDSHAKE);
		// a code refused is the user's to try again; anything else at the token endpoint, an operator's concern
		assertThat(LogLines.containing(output, connection.arn() + ": the token endpoint")).singleElement()
			.satisfies((line) -> assertThat(LogLines.levelOf(line))
				.isEqualTo(message.equals("flash.handshake.codeRejected") ? "INFO" : "WARN"));
	}

	@Test
	void aProviderThatCantBeReachedLeavesTheConnectionPending() throws Exception {
		Connection connection = connection("bb-down", ProviderType.BITBUCKET);
		URI authorize = flow.authorizeLink(flow.start(caller, connection));
		fake.bitbucket().goDown();

		flow.callback(caller, authorize)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.providerUnreachable", "bb-down")));

		assertUnchanged(connection, ConnectionStatus.PENDING_HANDSHAKE);
	}

	static Stream<Arguments> userEndpointFailures() {
		return Stream.of(Arguments.of(ProviderType.GITHUB, serverError()),
				Arguments.of(ProviderType.BITBUCKET, aResponse().withStatus(502)),
				Arguments.of(ProviderType.GITHUB, aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"message\":\"Bad credentials\"}")),
				Arguments.of(ProviderType.GITHUB, okJson("{\"login\": \"octo-fake\", ")),
				Arguments.of(ProviderType.BITBUCKET, okJson("[\"not\", \"a\", \"user\"]")),
				Arguments.of(ProviderType.GITHUB, okJson("{\"id\": 1, \"name\": \"No Login\"}")),
				Arguments.of(ProviderType.BITBUCKET, okJson("{}").withFixedDelay(FakeProviders.SLOW_MILLIS)));
	}

	@ParameterizedTest(name = "{0} user endpoint answering {1}")
	@MethodSource("userEndpointFailures")
	void aFailingUserEndpointStoresNothing(ProviderType type, ResponseDefinitionBuilder answer) throws Exception {
		Connection connection = connection("user-fails", type);
		URI authorize = flow.authorizeLink(flow.start(caller, connection));
		provider(type).userEndpointAnswers(answer);

		flow.callback(caller, authorize)
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.userLookupFailed", "user-fails")));

		assertUnchanged(connection, ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void aCallbackWithNeitherCodeNorErrorChangesNothing() throws Exception {
		Connection connection = connection("no-code", ProviderType.GITHUB);
		String state = queryOf(flow.start(caller, connection)).get("state");

		flow.callback(caller, URI.create("http://localhost/connections/handshake/callback/github?state=" + state))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.unreadableAnswer", "no-code")));

		assertUnchanged(connection, ConnectionStatus.PENDING_HANDSHAKE);
	}

	@Test
	void aSuspendedApplicationAtTheAuthorizePageIsReportedAsARefusal() throws Exception {
		Connection connection = connection("suspended", ProviderType.GITHUB);
		String state = queryOf(flow.start(caller, connection)).get("state");

		flow.callback(caller, URI.create("http://localhost/connections/handshake/callback/github"
				+ "?error=application_suspended&error_description=Your+application+has+been+suspended.&state=" + state))
			.andExpect(flash().attribute(Flash.ATTRIBUTE,
					new Flash("error", "flash.handshake.authorizationRefused", "suspended")));

		assertUnchanged(connection, ConnectionStatus.PENDING_HANDSHAKE);
	}

	private FakeProvider provider(ProviderType type) {
		return type == ProviderType.GITHUB ? fake.github() : fake.bitbucket();
	}

	/** Same status, and nothing of the provider's stored. */
	private void assertUnchanged(Connection connection, ConnectionStatus status) {
		Map<String, Object> row = jdbc.sql("""
				SELECT status, provider_login, access_token, refresh_token FROM connection WHERE id = :id""")
			.param("id", connection.id().value())
			.query()
			.singleRow();
		assertThat(row.get("status")).isEqualTo(status.name());
		assertThat(row.get("provider_login")).isNull();
		assertThat(row.get("access_token")).isNull();
		assertThat(row.get("refresh_token")).isNull();
	}

	static Map<String, String> queryOf(String url) {
		return UriComponentsBuilder.fromUriString(url)
			.build()
			.getQueryParams()
			.toSingleValueMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (e) -> URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
	}

}
