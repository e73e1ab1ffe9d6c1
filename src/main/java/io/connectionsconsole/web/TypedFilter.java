package io.connectionsconsole.web;

import java.util.regex.Pattern;

/** What a user typed in a list's filter box, as the list filters by it and carries it in its links. */
public final class TypedFilter {

	/**
	 * The most of a filter kept: longer than anything a filter matches, and short enough that the list's address, which
	 * carries it encoded (up to nine bytes a character), stays well within the size of a response header.
	 */
	public static final int MAX_LENGTH = 256;

	private static final Pattern SPACES_AROUND = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");

	private TypedFilter() {
	}

	/**
	 * The filter without the spaces of any kind around it (no-break ones too), only spaces being no filter, and cut
	 * after {@link #MAX_LENGTH} characters: a filter that long matches nothing either way.
	 */
	public static String of(String filter) {
		if (filter == null) {
			return "";
		}
		String typed = SPACES_AROUND.matcher(filter).replaceAll("");
		return typed.codePointCount(0, typed.length()) <= MAX_LENGTH ? typed
				: typed.substring(0, typed.offsetByCodePoints(0, MAX_LENGTH));
	}

}
