package io.connectionsconsole.config;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider's configured addresses, as the console writes paths after them. */
class ProviderAddressTest {

	@Test
	void anAddressEndingInSlashesIsTakenWithoutThem() {
		ConsoleProperties.Provider provider = new ConsoleProperties.Provider(URI.create("https://api.example/v4/"),
				URI.create("https://git.example//"), true, ConsoleProperties.Mode.OAUTH_APP,
				new ConsoleProperties.App(null, null, null, null, null))
			.withDefaults("gitlab", ConsoleProperties.Providers.GITLAB_API, ConsoleProperties.Providers.GITLAB_GIT);

		assertThat(provider.apiUrl()).hasToString("https://api.example/v4");
		assertThat(provider.gitUrl()).hasToString("https://git.example");
	}

}
