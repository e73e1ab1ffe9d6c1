package io.connectionsconsole.error;

/** A signed-in caller whose role does not allow the action. */
public class NotPermittedException extends ConsoleException {

	public NotPermittedException(String action) {
		super("You are not allowed to " + action + ": your role is read-only.");
	}

}
