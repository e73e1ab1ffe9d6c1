package io.connectionsconsole.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code management.server.port} the actuator gets a port of its own, for the operator's network: Prometheus
 * scrapes it without signing in, and the console's port no longer serves the actuator at all.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoint.health.probes.add-additional-paths=true" })
class ManagementPortTest {

	@Value("${local.server.port}")
	int serverPort;

	@Value("${local.management.port}")
	int managementPort;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> get(int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void theManagementPortServesPrometheusWithoutSignIn() throws Exception {
		HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");

		assertThat(managementPort).isNotEqualTo(serverPort);
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void theConsolesPortNoLongerServesTheActuator() throws Exception {
		assertThat(get(serverPort, "/actuator/prometheus").statusCode()).isIn(401, 404);
		assertThat(get(serverPort, "/actuator/health").statusCode()).isIn(401, 404);
		assertThat(get(managementPort, "/actuator/health").statusCode()).isEqualTo(200);
	}

	/**
	 * The health probes' paths on the console's port, for a health check that asks the console itself (Compose's,
	 * a load balancer's): answered without signing in, as the actuator's health is on its own port.
	 */
	@Test
	void theConsolesPortAnswersTheProbesPathsWithoutSignIn() throws Exception {
		HttpResponse<String> ready = get(serverPort, "/readyz");

		assertThat(ready.statusCode()).isEqualTo(200);
		assertThat(ready.body()).contains("\"status\":\"UP\"");
		assertThat(get(serverPort, "/livez").statusCode()).isEqualTo(200);
	}

	@Test
	void theManagementPortServesNoPages() throws Exception {
		HttpResponse<String> page = get(managementPort, "/connections");

		assertThat(page.statusCode()).isIn(401, 404);
		assertThat(page.body()).doesNotContain("Connected accounts");
	}

}
