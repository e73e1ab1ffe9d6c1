package io.connectionsconsole.error;

/** Input that breaks a rule; {@link #field()} names what was wrong, in the API's spelling. */
public class InvalidInputException extends ConsoleException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
