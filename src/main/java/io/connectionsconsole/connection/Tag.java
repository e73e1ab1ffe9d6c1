package io.connectionsconsole.connection;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/**
 * A resource tag: key 1–128 characters not starting with {@code aws:}, value 0–256 characters (Unicode code points, as
 * App Runner counts them: an emoji is one, where a Java string holds two), neither with a control
 * character (Unicode category Cc) or a line or paragraph separator. App Runner's model ({@code ^(?!aws:).+} and
 * {@code .*}) refuses line terminators; no control character has a place in a tag. A key has no invisible format
 * character (Cf: zero-width space, byte order mark, bidirectional controls) either: two keys that look the same would be
 * different keys. A value may have them, as emoji sequences joined by U+200D do.
 */
public record Tag(String key, String value) {

	public static final int MAX_KEY_LENGTH = 128;

	public static final int MAX_VALUE_LENGTH = 256;

	/**
	 * Bound while tags are read back from the database: they were checked when they were stored, under the rules of
	 * that day, and a rule added since must not make a connection's tags unreadable (nor the key it keeps unremovable).
	 */
	static final ScopedValue<Boolean> STORED = ScopedValue.newInstance();

	public Tag {
		if (value == null) {
			value = "";
		}
		if (!STORED.isBound()) {
			key = validKey(key);
			int format = Printable.firstFormatCharacter(key);
			if (format >= 0) {
				throw new InvalidInputException("Tags", "Tag key '" + Printable.of(key) + "' contains the invisible "
						+ "formatting character " + Printable.codePoint(key, format) + " at position " + position(key, format)
						+ "; tag keys can't contain invisible characters.");
			}
			int length = value.codePointCount(0, value.length());
			if (length > MAX_VALUE_LENGTH) {
				throw new InvalidInputException("Tags", "The value of tag '" + Printable.of(key) + "' is " + length
						+ " characters long; a tag value can have at most " + MAX_VALUE_LENGTH + ".");
			}
			refuseControlCharacters(value, "The value of tag '" + Printable.of(key) + "'");
			refuseLoneSurrogates(value, "The value of tag '" + Printable.of(key) + "'");
		}
	}

	/**
	 * The key checked on its own, as UntagResource receives it: without the rule on invisible characters, so that a key
	 * stored before it can still be removed. Half a surrogate pair is refused here too: PostgreSQL's driver sends it as
	 * {@code ?}, and the removal would take the tag {@code ?}.
	 */
	public static String validKey(String key) {
		if (key == null || key.isEmpty()) {
			throw new InvalidInputException("Tags", "A tag key must not be empty.");
		}
		int length = key.codePointCount(0, key.length());
		if (length > MAX_KEY_LENGTH) {
			throw new InvalidInputException("Tags", "Tag key '" + Printable.excerpt(key, 20) + "' is " + length
					+ " characters long; a tag key can have at most " + MAX_KEY_LENGTH + ".");
		}
		refuseControlCharacters(key, "Tag key '" + Printable.of(key) + "'");
		refuseLoneSurrogates(key, "Tag key '" + Printable.of(key) + "'");
		if (key.regionMatches(true, 0, "aws:", 0, 4)) {
			throw new InvalidInputException("Tags",
					"Tag key '" + Printable.of(key) + "' starts with 'aws:', which is reserved.");
		}
		return key;
	}

	/**
	 * Refuses the first half of a surrogate pair that stands alone: no character at all, which UTF-8 can't carry, so
	 * PostgreSQL's driver would store it as {@code ?} and two keys that differ by it would become one.
	 */
	private static void refuseLoneSurrogates(String text, String what) {
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			if (Character.getType(text.codePointAt(i)) == Character.SURROGATE) {
				throw new InvalidInputException("Tags", what + " contains " + Printable.codePoint(text, i)
						+ " at position " + position(text, i) + ", half of a character without its other half; tags must be "
						+ "valid Unicode text.");
			}
		}
	}

	/** The position of the character at {@code index}, counted in characters as lengths are: from 1. */
	private static int position(String text, int index) {
		return text.codePointCount(0, index) + 1;
	}

	/** Refuses the first control character, line or paragraph separator of {@code text}, which {@code what} names. */
	private static void refuseControlCharacters(String text, String what) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
				throw new InvalidInputException("Tags", what + " contains the control character "
						+ Printable.codePoint(text, i) + " at position " + position(text, i)
						+ "; tags can't contain control characters or line breaks.");
			}
		}
	}

}
