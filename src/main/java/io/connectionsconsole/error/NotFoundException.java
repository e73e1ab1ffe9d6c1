package io.connectionsconsole.error;

/** A resource that does not exist for the caller's account: another account's resources answer the same. */
public class NotFoundException extends ConsoleException {

	public NotFoundException(String message) {
		super(message);
	}

}
