package io.connectionsconsole.provider;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Providers whose client id and secret are set empty, as docker-compose.yml passes those an operator left unset: the
 * console starts, and only the configured provider's handshakes are offered.
 */
@ConsoleTest(properties = { "spring.security.oauth2.client.registration.github.client-id=compose-github-id",
		"spring.security.oauth2.client.registration.github.client-secret=compose-github-secret",
		"spring.security.oauth2.client.registration.bitbucket.client-id=",
		"spring.security.oauth2.client.registration.bitbucket.client-secret=",
		"spring.security.oauth2.client.registration.gitlab.client-id=",
		"spring.security.oauth2.client.registration.gitlab.client-secret=" })
class UnsetProvidersTest {

	@Autowired
	ClientRegistrationRepository registrations;

	@Test
	void theConsoleStartsWithOnlyTheProvidersWhoseClientIdIsSet() {
		assertThat(registrations.findByRegistrationId("github").getClientId()).isEqualTo("compose-github-id");
		assertThat(registrations.findByRegistrationId("bitbucket")).isNull();
		assertThat(registrations.findByRegistrationId("gitlab")).isNull();
	}

}
