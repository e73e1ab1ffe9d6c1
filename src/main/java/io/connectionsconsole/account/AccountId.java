package io.connectionsconsole.account;

import io.connectionsconsole.error.InvalidInputException;

/** A 12-digit account id, as in {@code 123456789012}. */
public record AccountId(String value) {

	public AccountId {
		if (!isTwelveDigits(value)) {
			throw new InvalidInputException("AccountId", "An account id has 12 digits; '" + value + "' does not.");
		}
	}

	private static boolean isTwelveDigits(String value) {
		if (value == null || value.length() != 12) {
			return false;
		}
		for (int i = 0; i < 12; i++) {
			if (value.charAt(i) < '0' || value.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	public static AccountId of(String value) {
		return new AccountId(value);
	}

	@Override
	public String toString() {
		return value;
	}

}
