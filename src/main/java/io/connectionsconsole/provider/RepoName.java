package io.connectionsconsole.provider;

import java.util.Arrays;
import java.util.regex.Pattern;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/**
 * A repository's full name as it comes from the browser: {@code owner/name} at GitHub, {@code workspace/slug} at
 * Bitbucket, the project's path at GitLab, where the owner is a group and its subgroups ({@code group/subgroup/name},
 * up to 20 levels). The providers allow letters, digits, {@code .}, {@code -} and {@code _} in each part; anything else
 * is refused before it reaches a provider URL.
 */
public record RepoName(String owner, String name) {

	/** The longest full name: the repository link's column, and more than any provider's names take. */
	static final int MAX_LENGTH = 255;

	private static final Pattern FULL_NAME = Pattern
		.compile("((?:[A-Za-z0-9._-]{1,100}/){0,19}[A-Za-z0-9._-]{1,100})/([A-Za-z0-9._-]{1,100})");

	public static RepoName parse(String fullName) {
		var matcher = fullName == null || fullName.length() > MAX_LENGTH ? null : FULL_NAME.matcher(fullName);
		if (matcher == null || !matcher.matches() || Arrays.stream(fullName.split("/")).anyMatch(RepoName::dots)) {
			throw new InvalidInputException("Repository",
					"Repository '" + Printable.excerpt(fullName, 210)
							+ "' is not a repository name: it must be owner/name (at GitLab, group/subgroup/name), at most "
							+ MAX_LENGTH + " characters of letters, digits, '.', '-' and '_'.");
		}
		return new RepoName(matcher.group(1), matcher.group(2));
	}

	private static boolean dots(String part) {
		return part.equals(".") || part.equals("..");
	}

	public String fullName() {
		return owner + "/" + name;
	}

}
