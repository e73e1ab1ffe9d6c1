package io.connectionsconsole.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.support.FakeGitHubApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The GitHub App mode's settings: the OAuth App mode stays the default, the app mode names every setting it lacks, a
 * private key can come from a file (PKCS#8 here, PKCS#1 in the other app tests), and no secret shows in the settings'
 * text, which start-up failures and logs print.
 */
class GitHubAppSettingsTest {

	private static ConsoleProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("console", ConsoleProperties.class);
	}

	@Test
	void theOAuthAppModeIsTheDefault() {
		ConsoleProperties console = bind(Map.of());

		assertThat(console.providers().github().mode()).isEqualTo(ConsoleProperties.Mode.OAUTH_APP);
	}

	@Test
	void theAppModeNamesEverySettingItLacks() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("console.providers.github.mode", "app",
					"console.providers.github.app.slug", "my-app")))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex).getMessage()).contains(
					"console.providers.github.app.id", "console.providers.github.app.private-key",
					"console.providers.github.app.webhook-secret").doesNotContain("app.slug"));
	}

	@Test
	void onlyGitHubHasAnAppMode() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("console.providers.bitbucket.mode", "app")))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex).getMessage()).contains("only GitHub"));
	}

	@Test
	void thePrivateKeyComesFromAFileAndNoSecretShowsInTheSettingsText(@TempDir Path directory) throws Exception {
		Path key = directory.resolve("app.pem");
		Files.writeString(key, FakeGitHubApp.get().privateKeyPkcs8Pem());

		ConsoleProperties console = bind(Map.of("console.providers.github.mode", "app",
				"console.providers.github.app.id", "77", "console.providers.github.app.slug", "my-app",
				"console.providers.github.app.private-key-file", key.toString(),
				"console.providers.github.app.webhook-secret", "webhook-secret-value"));

		ConsoleProperties.App app = console.providers().github().app();
		assertThat(app.privateKeyPem()).isEqualTo(FakeGitHubApp.get().privateKeyPkcs8Pem());
		assertThat(console.toString()).doesNotContain("webhook-secret-value").doesNotContain("PRIVATE KEY");
	}

	@Test
	void aKeyGivenTwiceIsRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("console.providers.github.mode", "app", "console.providers.github.app.id", "77",
					"console.providers.github.app.slug", "my-app", "console.providers.github.app.private-key", "x",
					"console.providers.github.app.private-key-file", "/tmp/key.pem",
					"console.providers.github.app.webhook-secret", "s")))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex).getMessage()).contains("one of them"));
	}

}
