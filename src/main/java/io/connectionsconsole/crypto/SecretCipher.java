package io.connectionsconsole.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.config.OwnerOnlyFiles;

/**
 * Encrypts the secrets the console must be able to read back (provider tokens, API secret keys) with
 * AES-256-GCM from Spring Security's crypto module, keyed by {@code console.token-key}. On the embedded
 * database a key is generated into the data directory at first start; elsewhere it must be configured. Values the
 * console hands out and must recognize later (device cookies) are signed with HMAC-SHA256 under a key derived from the
 * same key by HKDF, so that signing and encryption never share a key.
 */
@Component
public class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	/** Fixed salt: the key itself is random, the salt only separates this use of it from any other. */
	private static final String SALT = HexFormat.of().formatHex("connections-console/v1".getBytes());

	private static final byte[] SIGNING_KEY_INFO = "connections-console/v1/signing".getBytes(StandardCharsets.UTF_8);
	/** As long as the hex form of a 128-bit random value; the generated key is 64 characters (256 bits). */
	private static final int MIN_KEY_LENGTH = 32;

	private final TextEncryptor encryptor;

	private final SecretKey signingKey;

	SecretCipher(ConsoleProperties properties, Environment environment) {
		String key = resolveKey(properties, environment);
		this.encryptor = Encryptors.delux(key, SALT);
		this.signingKey = signingKey(key);
	}

	public String encrypt(String plain) {
		return plain == null ? null : encryptor.encrypt(plain);
	}

	public String decrypt(String cipherText) {
		return cipherText == null ? null : encryptor.decrypt(cipherText);
	}

	/** The HMAC-SHA256 of {@code text}, under the key for signing. */
	public byte[] sign(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(signingKey);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static SecretKey signingKey(String key) {
		try {
			return KDF.getInstance("HKDF-SHA256")
				.deriveKey("HmacSHA256", HKDFParameterSpec.ofExtract()
					.addIKM(key.getBytes(StandardCharsets.UTF_8))
					.addSalt(HexFormat.of().parseHex(SALT))
					.thenExpand(SIGNING_KEY_INFO, 32));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HKDF-SHA256 is not available", ex);
		}
	}

	private static String resolveKey(ConsoleProperties properties, Environment environment) {
		String configured = properties.tokenKey();
		if (configured != null && !configured.isBlank()) {
			if (configured.length() < MIN_KEY_LENGTH) {
				throw new IllegalStateException("console.token-key must be at least " + MIN_KEY_LENGTH
						+ " characters long; it has " + configured.length() + ". Set it to a random string, such as "
						+ "the output of: openssl rand -hex 32");
			}
			if (configured.chars().distinct().count() == 1) {
				throw new IllegalStateException("console.token-key must not be one character repeated. Set it to a "
						+ "random string, such as the output of: openssl rand -hex 32");
			}
			return configured;
		}
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:h2:")) {
			throw new IllegalStateException("console.token-key is required when the database is not the embedded "
					+ "H2 default: set CONSOLE_TOKEN_KEY to a random string of at least " + MIN_KEY_LENGTH + " characters");
		}
		return keyFile(properties.dataDir().resolve("token-key"));
	}

	/**
	 * The key the file holds, or a new one written into it: into a file beside it first, on disk, then moved into its
	 * place at once, so that a process killed while writing leaves no empty or half key behind.
	 */
	private static String keyFile(Path file) {
		try {
			if (Files.exists(file)) {
				String key = Files.readString(file).trim();
				if (key.length() < MIN_KEY_LENGTH) {
					throw new IllegalStateException("The token key file " + file.toAbsolutePath() + " holds "
							+ key.length() + " characters, not a key: restore it from a backup (the stored tokens "
							+ "can't be read without it), or set console.token-key");
				}
				return key;
			}
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			String hex = HexFormat.of().formatHex(key);
			OwnerOnlyFiles.writeWhole(file, hex.getBytes(StandardCharsets.US_ASCII));
			log.info("Generated the token encryption key in {}", file.toAbsolutePath());
			return hex;
		}
		catch (IOException ex) {
			throw new IllegalStateException("console.data-dir can't hold the token key: " + file.toAbsolutePath()
					+ " can't be read or created (" + ex.getClass().getSimpleName() + "); make the directory writable by "
					+ "the console's user, or set console.token-key", ex);
		}
	}

}
