package io.connectionsconsole.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MvcResult;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.crypto.SecretCipher;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.support.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Provider tokens exist in plain text only in memory: never in the database, the log, or a page. */
@HandshakeTest
@ExtendWith(OutputCaptureExtension.class)
class TokenSecrecyTest extends HandshakeTestBase {

	/** Loggers turned up to TRACE while the flows run, so that the test also covers what debugging would show. */
	private static final List<String> LOGGERS = List.of("io.connectionsconsole", "org.springframework.security",
			"org.springframework.web", "org.springframework.http");

	@Autowired
	SecretCipher cipher;

	@Autowired
	LoggingSystem loggingSystem;

	@AfterEach
	void restoreLogLevels() {
		LOGGERS.forEach((logger) -> loggingSystem.setLogLevel(logger, null));
	}

	private Connection completed(String name, ProviderType type) throws Exception {
		Connection connection = connections.create(caller, regions.require("eu-west-3"), ConnectionName.of(name), type,
				Tags.none());
		flow.complete(caller, connection);
		return connection;
	}

	private List<String> secrets() {
		List<String> secrets = new ArrayList<>();
		secrets.addAll(fake.github().issuedAccessTokens());
		secrets.addAll(fake.bitbucket().issuedAccessTokens());
		secrets.addAll(fake.bitbucket().issuedRefreshTokens());
		secrets.add(FakeProviders.GITHUB_CLIENT_SECRET);
		secrets.add(FakeProviders.BITBUCKET_CLIENT_SECRET);
		return secrets;
	}

	@Test
	void storedTokensAreCiphertextThatOnlyTheTokenKeyOpens() throws Exception {
		Connection github = completed("secret-gh", ProviderType.GITHUB);
		Connection bitbucket = completed("secret-bb", ProviderType.BITBUCKET);

		Map<String, Object> gh = tokenColumns(github);
		Map<String, Object> bb = tokenColumns(bitbucket);

		String ghToken = fake.github().issuedAccessTokens().get(0);
		assertThat((String) gh.get("access_token")).doesNotContain(ghToken).matches("[0-9a-f]+");
		assertThat(cipher.decrypt((String) gh.get("access_token"))).isEqualTo(ghToken);
		String bbToken = fake.bitbucket().issuedAccessTokens().get(0);
		String bbRefresh = fake.bitbucket().issuedRefreshTokens().get(0);
		assertThat((String) bb.get("access_token")).doesNotContain(bbToken).matches("[0-9a-f]+");
		assertThat((String) bb.get("refresh_token")).doesNotContain(bbRefresh).matches("[0-9a-f]+");
		assertThat(cipher.decrypt((String) bb.get("access_token"))).isEqualTo(bbToken);
		assertThat(cipher.decrypt((String) bb.get("refresh_token"))).isEqualTo(bbRefresh);
	}

	@Test
	void noTokenAppearsAnywhereInTheDatabase() throws Exception {
		completed("anywhere-gh", ProviderType.GITHUB);
		completed("anywhere-bb", ProviderType.BITBUCKET);

		// H2's SCRIPT dumps every table, the audit trail included, as SQL.
		String database = String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());

		assertThat(database).contains("anywhere-gh");
		secrets().stream()
			.filter((secret) -> !secret.contains("client-secret"))
			.forEach((secret) -> assertThat(database).doesNotContain(secret));
	}

	@Test
	void aPendingHandshakeIsKeptUnderItsStatesHashWithItsPkceVerifierEncrypted() throws Exception {
		Connection connection = connections.create(caller, regions.require("eu-west-3"), ConnectionName.of("verifier"),
				ProviderType.GITHUB, Tags.none());
		Map<String, String> authorize = HandshakeFlowTest.queryOf(flow.start(caller, connection));

		Map<String, Object> stored = jdbc.sql("SELECT state, code_verifier FROM pending_handshake WHERE connection_id = :id")
			.param("id", connection.id().value())
			.query()
			.singleRow();

		String state = authorize.get("state");
		assertThat(stored.get("state")).isNotEqualTo(state).isEqualTo(SessionIds.sha256(state));
		String verifier = (String) stored.get("code_verifier");
		assertThat(s256(verifier)).isNotEqualTo(authorize.get("code_challenge"));
		assertThat(s256(cipher.decrypt(verifier))).isEqualTo(authorize.get("code_challenge"));
	}

	@Test
	void tokensNeverReachTheLogEvenAtTraceLevel(CapturedOutput output) throws Exception {
		LOGGERS.forEach((logger) -> loggingSystem.setLogLevel(logger, LogLevel.TRACE));

		Connection github = completed("logged-gh", ProviderType.GITHUB);
		Connection bitbucket = completed("logged-bb", ProviderType.BITBUCKET);
		check(github);
		fake.bitbucket().expireAccessTokens();
		check(bitbucket);
		fake.github().revokeAll();
		check(github);

		assertThat(fake.bitbucket().issuedAccessTokens()).as("a refresh happened").hasSize(2);
		assertThat(output.getAll()).contains("logged-gh", "logged-bb");
		secrets().forEach((secret) -> assertThat(output.getAll()).doesNotContain(secret));
	}

	@Test
	void tokensNeverReachAPage() throws Exception {
		Connection connection = connections.create(caller, regions.require("eu-west-3"), ConnectionName.of("paged"),
				ProviderType.BITBUCKET, Tags.none());
		MvcResult callback = flow.complete(caller, connection).andReturn();

		String page = mvc.perform(get(callback.getResponse().getRedirectedUrl()).cookie(callback.getResponse().getCookies())
			.with(user(testAccounts.principal(caller)))).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("paged");
		assertThat(callback.getResponse().getRedirectedUrl()).isEqualTo("/connections?region=eu-west-3");
		secrets().forEach((secret) -> assertThat(page).doesNotContain(secret));
	}

	private void check(Connection connection) throws Exception {
		mvc.perform(post("/connections/{id}/check", connection.id().value())
			.with(user(testAccounts.principal(caller)))
			.with(csrf()));
	}

	private Map<String, Object> tokenColumns(Connection connection) {
		return jdbc.sql("SELECT access_token, refresh_token FROM connection WHERE id = :id")
			.param("id", connection.id().value())
			.query()
			.singleRow();
	}

	private static String s256(String value) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
