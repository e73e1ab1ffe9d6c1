package io.connectionsconsole.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions on the embedded H2 database, with a session timeout of its own: Spring Boot reads it for the embedded server it
 * starts.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.servlet.session.timeout=17m")
class SessionStoreH2Test extends SessionStoreContract {

	@Test
	void aNewSessionLastsTheConfiguredTimeout() {
		assertThat(filterRepository.createSession().getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(17));
	}

}
