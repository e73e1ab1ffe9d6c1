package io.connectionsconsole.crypto;

import java.util.Base64;

import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;

/**
 * Secrets the console hands out and later recognizes (OAuth2 states, handshake links, link tokens, session cookies):
 * 32 random bytes, as much as Spring Security's own OAuth2 state, in URL-safe Base64 without padding, so that they go
 * into URLs and cookies as they are.
 */
public final class RandomSecrets {

	private RandomSecrets() {
	}

	/** A generator of its own, with its own {@code SecureRandom}: callers don't queue on one another's lock. */
	public static StringKeyGenerator urlSafe() {
		return new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 32);
	}

}
