package io.connectionsconsole.account;

import io.connectionsconsole.error.InvalidInputException;

/** A 12-digit account id, as in {@code 123456789012}. */
public record AccountId(String value) {

	public AccountId {
		if (value == null || !value.matches("\\d{12}")) {
			throw new InvalidInputException("AccountId", "An account id has 12 digits; '" + value + "' does not.");
		}
	}

	public static AccountId of(String value) {
		return new AccountId(value);
	}

	@Override
	public String toString() {
		return value;
	}

}
