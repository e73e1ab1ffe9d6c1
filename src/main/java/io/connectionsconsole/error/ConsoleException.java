package io.connectionsconsole.error;

/**
 * A refusal the user must hear about. The message is written for the user: the console shows it in the
 * page and the API returns it as the AWS error's {@code Message}.
 */
public abstract class ConsoleException extends RuntimeException {

	protected ConsoleException(String message) {
		super(message);
	}

}
