package io.connectionsconsole.account;

import java.util.regex.Pattern;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/** A 12-digit account id, as in {@code 123456789012}: one that exists is valid. */
public record AccountId(String value) {

	private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");

	public AccountId {
		if (value == null || !TWELVE_DIGITS.matcher(value).matches()) {
			throw new InvalidInputException("AccountId", "An account id has 12 digits; '" + Printable.excerpt(value, 40)
					+ "' does not.");
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
