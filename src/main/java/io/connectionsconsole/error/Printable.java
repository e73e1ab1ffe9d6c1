package io.connectionsconsole.error;

/**
 * Text that users typed, as a message may quote it: characters that show nothing or change how the text around them
 * reads are written out as escapes, so that the message says what was typed wherever it is shown.
 */
public final class Printable {

	private Printable() {
	}

	/**
	 * {@code text} with each control character (Unicode category Cc), format character (Cf: zero-width space and
	 * joiner, byte order mark, bidirectional controls such as U+202E) and line or paragraph separator written as
	 * {@code \\u200B}; a character beyond the BMP as its two surrogates, as Java writes it; half of a surrogate pair
	 * that stands alone (no character at all) as its escape too.
	 */
	public static String of(String text) {
		StringBuilder printable = new StringBuilder(text.length());
		text.codePoints().forEach((codePoint) -> {
			if (isInvisible(codePoint)) {
				for (char c : Character.toChars(codePoint)) {
					printable.append(String.format("\\u%04X", (int) c));
				}
			}
			else {
				printable.appendCodePoint(codePoint);
			}
		});
		return printable.toString();
	}

	/**
	 * What a message quotes of {@code text} (null as empty): its first {@code max} characters (code points, so no
	 * surrogate pair is cut) followed by {@code …} where there are more, written as {@link #of} writes them.
	 */
	public static String excerpt(String text, int max) {
		if (text == null) {
			return "";
		}
		if (text.codePointCount(0, text.length()) <= max) {
			return of(text);
		}
		return of(text.substring(0, text.offsetByCodePoints(0, max))) + "…";
	}

	/**
	 * {@code text} (null as empty) written as {@link #of} writes it, in at most {@code max} characters: where it is
	 * longer, cut at a character's edge and ended by {@code …}. For a column of that width.
	 */
	public static String within(String text, int max) {
		return cut(of(text == null ? "" : text), max);
	}

	/**
	 * {@code text} as it is (null as null) in at most {@code max} characters: where it is longer, cut at a character's
	 * edge and ended by {@code …}. For a column of that width, where the text is shown as it was written.
	 */
	public static String cut(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int end = max - 1;
		if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

	/** The index of the first format character (Unicode category Cf) of {@code text}, or -1. */
	public static int firstFormatCharacter(String text) {
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			if (Character.getType(text.codePointAt(i)) == Character.FORMAT) {
				return i;
			}
		}
		return -1;
	}

	/** The character at {@code index} as Unicode names it: {@code U+200B}. */
	public static String codePoint(String text, int index) {
		return String.format("U+%04X", text.codePointAt(index));
	}

	private static boolean isInvisible(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.SURROGATE -> true;
			default -> false;
		};
	}

}
