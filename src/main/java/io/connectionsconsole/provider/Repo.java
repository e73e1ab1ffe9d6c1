package io.connectionsconsole.provider;

import java.time.Instant;

/**
 * A repository a connection can read at its provider: {@code owner/name} (GitHub) or {@code workspace/slug}
 * (Bitbucket), whether it is private, its default branch and web page where the provider says, and when it last
 * changed.
 */
public record Repo(String fullName, boolean privateRepo, String defaultBranch, String url, Instant updatedAt) {
}
