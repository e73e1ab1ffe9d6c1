package io.connectionsconsole.account;

import java.time.Instant;

/** A row of the users table, without the password hash. */
public record UserRecord(long id, AccountId accountId, String username, Role role, String lastRegion,
		Instant createdAt) {
}
