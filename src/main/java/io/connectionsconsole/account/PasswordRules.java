package io.connectionsconsole.account;

import java.nio.charset.StandardCharsets;

import io.connectionsconsole.error.InvalidInputException;

/** What a password a user is given or chooses must be. A refusal never repeats the password. */
public final class PasswordRules {

	public static final int MIN_LENGTH = 12;

	/** BCrypt reads no further than 72 bytes of a password. */
	public static final int MAX_BYTES = 72;

	private PasswordRules() {
	}

	/**
	 * At least 12 characters, not the user name, within what BCrypt reads, and typeable; {@code field} names it in a
	 * refusal.
	 */
	public static void requireValid(String field, String username, String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			throw new InvalidInputException(field, "A password has at least " + MIN_LENGTH + " characters.");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new InvalidInputException(field, "A password can be at most " + MAX_BYTES
					+ " bytes long: 72 characters of plain ASCII, fewer with accented letters or other scripts.");
		}
		if (password.equalsIgnoreCase(username)) {
			throw new InvalidInputException(field, "A password must not be the user name.");
		}
		// what no keyboard types into a field, and spaces alone: a password no one could sign in with, or guessed
		if (password.isBlank() || password.codePoints()
			.anyMatch((c) -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
			throw new InvalidInputException(field, "A password can't hold control or invisible characters, nor be "
					+ "spaces alone.");
		}
	}

}
