package io.connectionsconsole.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Session IDs as tests meet them: in a {@code SESSION} cookie (the session's secret, in Base64), and in the database
 * (the secret's SHA-256).
 */
public final class SessionIds {

	private SessionIds() {
	}

	/** The session's secret in a {@code SESSION} cookie's value. */
	public static String fromCookie(String cookieValue) {
		return new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.UTF_8);
	}

	/** The SHA-256 of a session ID in hex, worked out here rather than by the code under test. */
	public static String sha256(String id) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
