package io.connectionsconsole.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.Role;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.TestAccounts;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Health is open to load balancers; metrics and every other actuator endpoint are for administrators only. */
@ConsoleTest
@AutoConfigureMockMvc
class ActuatorAccessTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Test
	void healthAnswersAnyoneWithItsStatusAndGroupsButNoDetails() throws Exception {
		mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.groups").value(containsInAnyOrder("liveness", "readiness")))
			.andExpect(jsonPath("$.components").doesNotExist());
	}

	@Test
	void livenessAndReadinessProbesAnswerAnyone() throws Exception {
		mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
	}

	@Test
	void readinessIncludesTheDatabaseAndLivenessDoesNot() throws Exception {
		var admin = testAccounts.principal(testAccounts.newAdmin());

		mvc.perform(get("/actuator/health/readiness").with(user(admin)))
			.andExpect(jsonPath("$.components.db.status").value("UP"))
			.andExpect(jsonPath("$.components.readinessState.status").value("UP"));
		mvc.perform(get("/actuator/health/liveness").with(user(admin)))
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(content().string(not(containsString("\"db\""))));
	}

	@Test
	void prometheusIsRefusedWithoutSignIn() throws Exception {
		mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
	}

	@Test
	void prometheusAndMetricsAreForbiddenToReadOnlyUsers() throws Exception {
		var reader = testAccounts.principal(testAccounts.newAccount(Role.READ_ONLY));

		mvc.perform(get("/actuator/prometheus").with(user(reader))).andExpect(status().isForbidden());
		mvc.perform(get("/actuator/metrics").with(user(reader))).andExpect(status().isForbidden());
		mvc.perform(get("/actuator").with(user(reader))).andExpect(status().isForbidden());
	}

	@Test
	void anAdministratorReadsTheMetricsInPrometheusFormat() throws Exception {
		var admin = testAccounts.principal(testAccounts.newAdmin());

		mvc.perform(get("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).with(user(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("# TYPE jvm_memory_used_bytes gauge")))
			.andExpect(content().string(containsString("# TYPE application_ready_time_seconds gauge")));
	}

	@Test
	void springSecurityObservesNoFilterOfItsChainWhileRequestsAreStillTimed() throws Exception {
		var admin = testAccounts.principal(testAccounts.newAdmin());
		mvc.perform(get("/connections").param("region", "us-east-1").with(user(admin))).andExpect(status().isOk());

		mvc.perform(get("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).with(user(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("http_server_requests_seconds_count{")))
			.andExpect(content().string(not(containsString("spring_security_"))));
	}

	@Test
	void onlyTheListedEndpointsAreExposed() throws Exception {
		var admin = testAccounts.principal(testAccounts.newAdmin());

		mvc.perform(get("/actuator/env").with(user(admin))).andExpect(status().isNotFound());
		mvc.perform(get("/actuator/loggers").with(user(admin))).andExpect(status().isNotFound());
		mvc.perform(get("/actuator").with(user(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("/actuator/env"))));
	}

}
