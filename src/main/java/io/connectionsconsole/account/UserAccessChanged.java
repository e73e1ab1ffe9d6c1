package io.connectionsconsole.account;

/**
 * Published when what a user may do has changed under their feet: disabled, given another role, or given a new
 * password by an administrator. Their live sessions carry the access they had before and should end. Published within
 * the change's transaction: listen with {@code @TransactionalEventListener}, so that only a committed change ends
 * sessions.
 */
public record UserAccessChanged(String username, Change change) {

	public enum Change {

		DISABLED, ROLE_CHANGED, PASSWORD_RESET

	}

}
