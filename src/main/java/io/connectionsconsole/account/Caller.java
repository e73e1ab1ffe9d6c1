package io.connectionsconsole.account;

import io.connectionsconsole.error.NotPermittedException;

/** Who is asking, on whose account: every service call is scoped by it. */
public record Caller(long userId, String username, AccountId accountId, Role role) {

	/** Refuses read-only callers; {@code action} completes "You are not allowed to …". */
	public void requireWrite(String action) {
		if (!role.canWrite()) {
			throw new NotPermittedException(action);
		}
	}

}
