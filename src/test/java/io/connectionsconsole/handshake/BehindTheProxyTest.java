package io.connectionsconsole.handshake;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleHttpClient;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console behind nginx as docker-compose.yml runs it ({@code server.forward-headers-strategy=native}): the links
 * it builds, such as the OAuth callback URL it gives the provider, use the address the user's browser asked the proxy
 * for, from the X-Forwarded-* headers that nginx sets.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.forward-headers-strategy=native")
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class BehindTheProxyTest {

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	@Test
	void theCallbackUrlIsTheOneTheBrowserReachesThroughTheProxy() {
		FakeProviders.get().reset();
		Caller caller = testAccounts.newAdmin();
		Connection connection = connections.create(caller, regions.require("us-west-2"), ConnectionName.of("proxied"),
				ProviderType.GITHUB, Tags.none());
		ConsoleHttpClient browser = ConsoleHttpClient.signIn("http://localhost:" + port, caller.username(),
				TestAccounts.PASSWORD);

		HttpResponse<String> started = browser.post("/connections/" + connection.id().value() + "/handshake", "",
				"X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
				"console.example.com", "X-Forwarded-Port", "8443");

		assertThat(started.statusCode()).isEqualTo(302);
		assertThat(HandshakeFlowTest.queryOf(started.headers().firstValue("Location").orElseThrow()))
			.containsEntry("redirect_uri", "https://console.example.com:8443/connections/handshake/callback/github");
	}

}
