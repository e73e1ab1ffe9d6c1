package io.connectionsconsole.crypto;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * At start, the newest stored secret of each kind is opened with the token key, and none opening refuses the start: a
 * console started with another key than the one its database's secrets were sealed with (a changed
 * {@code console.token-key}, a data directory restored without its key file) is refused, rather than failing each
 * check, clone and API call later. Nothing is changed. An operator who replaced the key on purpose says so
 * ({@code console.token-key-replaced}), and is warned instead.
 */
@Configuration(proxyBeanMethods = false)
class TokenKeyCheck {

	private static final Logger log = LoggerFactory.getLogger(TokenKeyCheck.class);

	/** The newest sealed value of each table that holds them, if there is one. */
	private static final List<String> SEALED = List.of(
			"SELECT secret_cipher FROM access_key ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY",
			"SELECT access_token FROM connection WHERE access_token IS NOT NULL ORDER BY created_at DESC "
					+ "FETCH FIRST 1 ROWS ONLY",
			"SELECT client_secret FROM host ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY");

	@Bean
	SmartInitializingSingleton sealedSecretsOpen(JdbcClient jdbc, SecretCipher cipher, ConsoleProperties properties) {
		return () -> check(jdbc, cipher, properties);
	}

	private static void check(JdbcClient jdbc, SecretCipher cipher, ConsoleProperties properties) {
		int sealed = 0;
		int opened = 0;
		for (String query : SEALED) {
			Optional<String> value = jdbc.sql(query).query(String.class).optional();
			if (value.isPresent()) {
				sealed++;
				opened += opens(cipher, value.get()) ? 1 : 0;
			}
		}
		// one that opens is enough: under another key none does (AES-GCM), and secrets sealed under the old key and
		// the new one side by side are a key being replaced
		if (sealed == 0 || opened > 0) {
			return;
		}
		if (properties.tokenKeyReplaced()) {
			log.warn("console.token-key is not the key this database's secrets were sealed with, and "
					+ "console.token-key-replaced is set: the tokens and keys sealed with the old key can't be read; "
					+ "unset it once they are replaced");
			return;
		}
		String key = StringUtils.hasText(properties.tokenKey()) ? "console.token-key is not the key"
				: "console.token-key is unset, and the key of the file "
						+ properties.dataDir().resolve("token-key").toAbsolutePath()
						+ " (generated at this start where it was missing) is not the key";
		throw new IllegalStateException(key + " this database's secrets were sealed with, so none of its tokens and "
				+ "keys can be read. Start with the key they were sealed with: that file as it was, or console.token-key "
				+ "(CONSOLE_TOKEN_KEY), which takes the file's place; to replace the key on purpose, set "
				+ "console.token-key-replaced=true. No stored secret was changed.");
	}

	private static boolean opens(SecretCipher cipher, String sealed) {
		try {
			cipher.decrypt(sealed);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
