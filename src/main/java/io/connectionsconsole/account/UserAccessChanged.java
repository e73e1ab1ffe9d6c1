package io.connectionsconsole.account;

/**
 * Published when what a user may do has changed under their feet, or they changed their own password: their live
 * sessions carry the access they had before, or may be someone else's who knew the old password, and should end.
 * Published within the change's transaction: listen with {@code @TransactionalEventListener}, so that only a committed
 * change ends sessions.
 */
public record UserAccessChanged(String username, Change change) {

	public enum Change {

		DISABLED, ROLE_CHANGED, PASSWORD_RESET, PASSWORD_CHANGED

	}

}
