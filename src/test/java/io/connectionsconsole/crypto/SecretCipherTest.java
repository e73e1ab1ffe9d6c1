package io.connectionsconsole.crypto;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

import io.connectionsconsole.config.ConsoleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

	@TempDir
	Path dataDir;

	private static ConsoleProperties properties(String... pairs) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		for (int i = 0; i < pairs.length; i += 2) {
			source.put(pairs[i], pairs[i + 1]);
		}
		return new Binder(source).bindOrCreate("console", ConsoleProperties.class);
	}

	private static MockEnvironment database(String url) {
		return new MockEnvironment().withProperty("spring.datasource.url", url);
	}

	@Test
	void encryptedTextRevealsNothingAndDecryptsBack() {
		SecretCipher cipher = new SecretCipher(properties("console.token-key", "0123456789abcdef0123456789abcdef"),
				database("jdbc:postgresql://db/console"));

		String encrypted = cipher.encrypt("gho_secretTokenValue");

		assertThat(encrypted).doesNotContain("secretTokenValue").isNotEqualTo(cipher.encrypt("gho_secretTokenValue"));
		assertThat(cipher.decrypt(encrypted)).isEqualTo("gho_secretTokenValue");
	}

	@Test
	void anotherKeyCannotDecrypt() {
		SecretCipher one = new SecretCipher(properties("console.token-key", "0123456789abcdef0123456789abcdef"),
				database("jdbc:h2:mem:x"));
		SecretCipher other = new SecretCipher(properties("console.token-key", "fedcba9876543210fedcba9876543210"),
				database("jdbc:h2:mem:x"));

		assertThatThrownBy(() -> other.decrypt(one.encrypt("secret"))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void onTheEmbeddedDatabaseAKeyIsGeneratedOnceIntoTheDataDirectory() throws Exception {
		ConsoleProperties props = properties("console.data-dir", dataDir.toString());
		SecretCipher first = new SecretCipher(props, database("jdbc:h2:file:./data/console"));
		String keyFile = Files.readString(dataDir.resolve("token-key"));

		SecretCipher second = new SecretCipher(props, database("jdbc:h2:file:./data/console"));

		assertThat(keyFile).matches("[0-9a-f]{64}");
		assertThat(Files.readString(dataDir.resolve("token-key"))).isEqualTo(keyFile);
		assertThat(second.decrypt(first.encrypt("kept across restarts"))).isEqualTo("kept across restarts");
	}

	@Test
	void aKeyFileLeftEmptyOrCutShortRefusesTheStartAndSaysWhy() throws Exception {
		Files.writeString(dataDir.resolve("token-key"), "0123456789\n");

		assertThatThrownBy(() -> new SecretCipher(properties("console.data-dir", dataDir.toString()),
				database("jdbc:h2:file:./data/console")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("holds 10 characters, not a key: restore it from a backup");
	}

	@Test
	void aGeneratedKeyLeavesNoFileBesideIt() throws Exception {
		new SecretCipher(properties("console.data-dir", dataDir.toString()), database("jdbc:h2:file:./data/console"));

		try (var files = Files.list(dataDir)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("token-key");
		}
	}

	@Test
	void anotherDatabaseWithoutAKeyRefusesToStart() {
		assertThatThrownBy(() -> new SecretCipher(properties("console.data-dir", dataDir.toString()),
				database("jdbc:postgresql://db/console")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("console.token-key is required");
		assertThat(dataDir.resolve("token-key")).doesNotExist();
	}

}
