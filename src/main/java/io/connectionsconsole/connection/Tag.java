package io.connectionsconsole.connection;

import io.connectionsconsole.error.InvalidInputException;

/**
 * A resource tag: key 1–128 characters not starting with {@code aws:}, value 0–256 characters, neither with a control
 * character (Unicode category Cc) or a line or paragraph separator. App Runner's model ({@code ^(?!aws:).+} and
 * {@code .*}) refuses line terminators; no control character has a place in a tag.
 */
public record Tag(String key, String value) {

	public static final int MAX_KEY_LENGTH = 128;

	public static final int MAX_VALUE_LENGTH = 256;

	public Tag {
		key = validKey(key);
		if (value == null) {
			value = "";
		}
		if (value.length() > MAX_VALUE_LENGTH) {
			throw new InvalidInputException("Tags", "The value of tag '" + printable(key) + "' is "
					+ value.length() + " characters long; a tag value can have at most " + MAX_VALUE_LENGTH + ".");
		}
		int control = firstControlCharacter(value);
		if (control >= 0) {
			throw new InvalidInputException("Tags", "The value of tag '" + printable(key)
					+ "' contains the control character " + codePoint(value, control) + " at position " + (control + 1)
					+ "; tags can't contain control characters or line breaks.");
		}
	}

	/** The key checked on its own, as UntagResource receives it. */
	public static String validKey(String key) {
		if (key == null || key.isEmpty()) {
			throw new InvalidInputException("Tags", "A tag key must not be empty.");
		}
		if (key.length() > MAX_KEY_LENGTH) {
			throw new InvalidInputException("Tags", "Tag key '" + printable(key.substring(0, 20)) + "…' is "
					+ key.length() + " characters long; a tag key can have at most " + MAX_KEY_LENGTH + ".");
		}
		int control = firstControlCharacter(key);
		if (control >= 0) {
			throw new InvalidInputException("Tags", "Tag key '" + printable(key) + "' contains the control character "
					+ codePoint(key, control) + " at position " + (control + 1) + "; tags can't contain control "
					+ "characters or line breaks.");
		}
		if (key.regionMatches(true, 0, "aws:", 0, 4)) {
			throw new InvalidInputException("Tags",
					"Tag key '" + printable(key) + "' starts with 'aws:', which is reserved.");
		}
		return key;
	}

	/** The index of the first control character, line or paragraph separator of {@code text}, or -1. */
	private static int firstControlCharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (isControl(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isControl(char c) {
		return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
	}

	/**
	 * {@code text} with each control character written as {@code \\u0007}, so that a message can name it; and each
	 * bidirectional formatting character (such as U+202E, which shows the text after it backwards), so that a message
	 * quoting a tag reads as written wherever it is shown.
	 */
	static String printable(String text) {
		StringBuilder printable = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isControl(c) || isBidirectionalFormatting(c)) {
				printable.append(String.format("\\u%04X", (int) c));
			}
			else {
				printable.append(c);
			}
		}
		return printable.toString();
	}

	private static boolean isBidirectionalFormatting(char c) {
		return switch (Character.getDirectionality(c)) {
			case Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING, Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE,
					Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING, Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
					Character.DIRECTIONALITY_POP_DIRECTIONAL_FORMAT, Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE,
					Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE, Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE,
					Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE -> true;
			default -> false;
		};
	}

	private static String codePoint(String text, int index) {
		return String.format("U+%04X", (int) text.charAt(index));
	}

}
