package io.connectionsconsole.link;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.provider.RepoName;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.HandshakeTestBase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Git requests beyond {@code console.git.max-concurrent} at once, or beyond half of them for one account, are refused
 * with a line git prints, not queued: a burst of clones can't take the memory and the database the pages need, nor one
 * account's clones all of the console's. The provider's Git host here answers slowly, within the read time-out.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "console.git.max-concurrent=2")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class GitRequestsAtOnceTest extends HandshakeTestBase {

	private static final WireMockServer SLOW_GIT_HOST = started();

	@LocalServerPort
	int port;

	@Autowired
	RepositoryLinkService links;

	private static WireMockServer started() {
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		server.stubFor(get(urlPathMatching("/.*/info/refs")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/x-git-upload-pack-advertisement")
			.withBody("001e# service=git-upload-pack\n0000")
			.withFixedDelay(1_500)));
		return server;
	}

	@DynamicPropertySource
	static void slowGitHost(DynamicPropertyRegistry registry) {
		registry.add("console.providers.github.git-url", SLOW_GIT_HOST::baseUrl);
	}

	@AfterAll
	static void stop() {
		SLOW_GIT_HOST.stop();
	}

	/** A link of a new account's, with a token: the discovery request of its repository. */
	private HttpRequest discoveryOfNewAccount(String name) throws Exception {
		caller = testAccounts.newAdmin();
		Connection connection = availableConnection(name, ProviderType.GITHUB);
		fake.github().branches("octo/" + name, List.of("main"));
		RepositoryLink link = links.create(caller, connection.id(), RepoName.parse("octo/" + name));
		String secret = links.createToken(caller, link.id(), "ci", 1).secret();
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.clonePath(connection)
				+ "/info/refs?service=git-upload-pack"))
			.header("Authorization", "Basic " + HttpHeaders.encodeBasicAuth("ci", secret, StandardCharsets.UTF_8))
			.build();
	}

	private static void awaitAtTheHost(int requests) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> SLOW_GIT_HOST.findAll(getRequestedFor(urlPathMatching("/.*/info/refs"))).size() >= requests);
	}

	private static void assertBusy(HttpResponse<String> refused, String line) {
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).isEqualTo("Connections Console: " + line + ": try again in a moment.\n");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
	}

	@Test
	void requestsBeyondAnAccountsShareOrTheConsolesLimitAreRefusedWithALineGitPrints() throws Exception {
		HttpRequest first = discoveryOfNewAccount("busy-first");
		HttpRequest second = discoveryOfNewAccount("busy-second");
		HttpRequest third = discoveryOfNewAccount("busy-third");
		SLOW_GIT_HOST.resetRequests();

		try (HttpClient client = HttpClient.newHttpClient()) {
			CompletableFuture<HttpResponse<String>> firstServed = client.sendAsync(first,
					HttpResponse.BodyHandlers.ofString());
			awaitAtTheHost(1);
			assertBusy(client.send(first, HttpResponse.BodyHandlers.ofString()),
					"this account's clones take as many of this console's Git requests as one account may (1)");

			CompletableFuture<HttpResponse<String>> secondServed = client.sendAsync(second,
					HttpResponse.BodyHandlers.ofString());
			awaitAtTheHost(2);
			assertBusy(client.send(third, HttpResponse.BodyHandlers.ofString()),
					"this console is serving as many Git requests as it takes at once (2)");

			assertThat(firstServed.get().statusCode()).as("served meanwhile").isEqualTo(200);
			assertThat(secondServed.get().statusCode()).as("served meanwhile").isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(client.send(third, HttpResponse.BodyHandlers.ofString()).statusCode())
					.as("once the others are done").isEqualTo(200));
		}
	}

}
