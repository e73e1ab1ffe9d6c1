package io.connectionsconsole.account;

import java.util.regex.Pattern;

import io.connectionsconsole.error.InvalidInputException;

/** A 12-digit account id, as in {@code 123456789012}. */
public final class AccountId {

	private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");

	private final String value;

	private AccountId(String value) {
		this.value = value;
	}

	public static AccountId of(String value) {
		if (value == null || !TWELVE_DIGITS.matcher(value).matches()) {
			throw new InvalidInputException("AccountId", "An account id has 12 digits; '" + value + "' does not.");
		}
		return new AccountId(value);
	}

	public String value() {
		return value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AccountId that && that.value.equals(value);
	}

	@Override
	public int hashCode() {
		return value.hashCode();
	}

	@Override
	public String toString() {
		return value;
	}

}
