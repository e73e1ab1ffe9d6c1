package io.connectionsconsole.api;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.ProviderType;
import software.amazon.awssdk.services.apprunner.model.ResourceNotFoundException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.AccessKeyService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.NewAccessKey;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.PrometheusScrape;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every API answer is counted by operation and error code, and Prometheus reads the counts. */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ApiMetricsAwsSdkTest {

	private static final String CALLS = "console_api_calls_total{error=\"%s\",operation=\"%s\"}";

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccessKeyService accessKeys;

	AppRunnerClients clients;

	Caller admin;

	NewAccessKey key;

	PrometheusScrape before;

	@BeforeEach
	void setUp() throws Exception {
		clients = new AppRunnerClients(port);
		admin = testAccounts.newAdmin();
		key = accessKeys.create(admin);
		before = scrape();
	}

	@AfterEach
	void tearDown() {
		clients.close();
	}

	private PrometheusScrape scrape() throws Exception {
		return PrometheusScrape.of(mvc, testAccounts.principal(admin));
	}

	@Test
	void successfulCallsAreCountedByOperationWithoutAnError() throws Exception {
		AppRunnerClient client = clients.signedWith(key.id(), key.secret(), "us-east-1");

		client.createConnection((r) -> r.connectionName("api-counted").providerType(ProviderType.GITHUB));
		client.listConnections((r) -> { });
		client.listConnections((r) -> { });

		PrometheusScrape after = scrape();
		assertThat(after.since(before, CALLS.formatted("none", "CreateConnection"))).isEqualTo(1);
		assertThat(after.since(before, CALLS.formatted("none", "ListConnections"))).isEqualTo(2);
		assertThat(after.since(before, "console_connections_creations_total{provider=\"github\"}")).isEqualTo(1);
	}

	@Test
	void refusedCallsAreCountedByOperationAndErrorCode() throws Exception {
		AppRunnerClient client = clients.signedWith(key.id(), key.secret(), "us-east-1");
		AppRunnerClient wrongSecret = clients.signedWith(key.id(), "x".repeat(40), "us-east-1");

		assertThatThrownBy(() -> client.deleteConnection((r) -> r.connectionArn("arn:aws:apprunner:us-east-1:"
				+ admin.accountId() + ":connection/gone-conn/0123456789abcdef0123456789abcdef")))
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> wrongSecret.listConnections((r) -> { })).hasMessageContaining("signature");

		PrometheusScrape after = scrape();
		assertThat(after.since(before, CALLS.formatted("ResourceNotFoundException", "DeleteConnection"))).isEqualTo(1);
		assertThat(after.since(before, CALLS.formatted("InvalidSignatureException", "ListConnections"))).isEqualTo(1);
	}

	@Test
	void anOperationTheConsoleDoesNotServeIsCountedAsUnknown() throws Exception {
		SignedRequests requests = new SignedRequests(port);
		SignedRequests.Signing signing = new SignedRequests.Signing(key.id(), key.secret(), "us-east-1", "apprunner",
				Instant.now());

		requests.send(requests.sdkSigned("AppRunner.ListServices", "{}", signing), "{}");
		requests.send(requests.sdkSigned("AppRunner.Made" + System.nanoTime(), "{}", signing), "{}");

		assertThat(scrape().since(before, CALLS.formatted("UnknownOperationException", "unknown"))).isEqualTo(2);
	}

}
