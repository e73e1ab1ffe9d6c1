package io.connectionsconsole.link;

import java.time.Instant;

/**
 * An access token of a repository link: what a CI runner holds to clone the link's repository. Only the SHA-256 of its
 * secret is stored; {@code lastUsedFrom} is the address of its last clone.
 */
public record LinkToken(String id, String linkId, String name, String createdBy, Instant createdAt, Instant expiresAt,
		Instant revokedAt, Instant lastUsedAt, String lastUsedFrom) {

	/** Whether the token still opens its link: not revoked and not expired at {@code now}. */
	public boolean live(Instant now) {
		return revokedAt == null && now.isBefore(expiresAt);
	}

}
