package io.connectionsconsole.account;

import java.time.Instant;

/** A row of the users table, without the password hash. A disabled user can't sign in or use their API keys. */
public record UserRecord(long id, AccountId accountId, String username, Role role, boolean enabled, String lastRegion,
		Instant createdAt, String identityProvider) {

	/** Whether the user signs in with a password, rather than through an identity provider. */
	public boolean signsInWithPassword() {
		return identityProvider == null;
	}

}
