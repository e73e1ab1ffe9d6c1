package io.connectionsconsole.security;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random bytes from a generator of the calling thread's own. The JDK's default generator is one lock for the whole
 * process, and every page masks its CSRF token with fresh random bytes (the defence against BREACH), so under load
 * the console's requests queued on that one lock.
 */
final class PerThreadSecureRandom extends SecureRandom {

	private static final long serialVersionUID = 1L;

	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(PerThreadSecureRandom::newGenerator);

	private static SecureRandom newGenerator() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	@Override
	public void nextBytes(byte[] bytes) {
		RANDOM.get().nextBytes(bytes);
	}

}
