package io.connectionsconsole.connection;

import io.connectionsconsole.error.InvalidInputException;

/** A resource tag: key 1–128 characters not starting with {@code aws:}, value 0–256 characters. */
public record Tag(String key, String value) {

	public static final int MAX_KEY_LENGTH = 128;

	public static final int MAX_VALUE_LENGTH = 256;

	public Tag {
		key = validKey(key);
		if (value == null) {
			value = "";
		}
		if (value.length() > MAX_VALUE_LENGTH) {
			throw new InvalidInputException("Tags", "The value of tag '" + key + "' is " + value.length()
					+ " characters long; a tag value can have at most " + MAX_VALUE_LENGTH + ".");
		}
	}

	/** The key checked on its own, as UntagResource receives it. */
	public static String validKey(String key) {
		if (key == null || key.isEmpty()) {
			throw new InvalidInputException("Tags", "A tag key must not be empty.");
		}
		if (key.length() > MAX_KEY_LENGTH) {
			throw new InvalidInputException("Tags", "Tag key '" + key.substring(0, 20) + "…' is " + key.length()
					+ " characters long; a tag key can have at most " + MAX_KEY_LENGTH + ".");
		}
		if (key.regionMatches(true, 0, "aws:", 0, 4)) {
			throw new InvalidInputException("Tags",
					"Tag key '" + key + "' starts with 'aws:', which is reserved.");
		}
		return key;
	}

}
