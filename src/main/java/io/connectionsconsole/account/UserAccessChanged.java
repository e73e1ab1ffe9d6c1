package io.connectionsconsole.account;

/**
 * Published when what a user may do has changed under their feet: disabled, given another role, or given a new
 * password by an administrator; or when they changed their own password. Their live sessions carry the access they had
 * before, or may be someone else's who knew the old password, and should end (all but the one in which the user changed
 * their own password). Published within the change's transaction: listen with {@code @TransactionalEventListener}, so
 * that only a committed change ends sessions.
 */
public record UserAccessChanged(String username, Change change) {

	public enum Change {

		DISABLED, ROLE_CHANGED, PASSWORD_RESET, PASSWORD_CHANGED

	}

}
