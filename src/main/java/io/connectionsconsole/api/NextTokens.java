package io.connectionsconsole.api;

import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.crypto.SecretCipher;

/**
 * ListConnections page tokens. A token carries the last name returned (listings are in name order, so the next page
 * starts after it, whatever was created or deleted meanwhile) and the account, Region, {@code ConnectionName} and
 * {@code MaxResults} it was made for. It is sealed with the console's secret cipher (AES-GCM): opaque to clients,
 * and any change to it makes it unreadable.
 */
@Component
class NextTokens {

	static final int MAX_LENGTH = 1024;

	private static final String VERSION = "ListConnections/1";

	private final SecretCipher cipher;

	NextTokens(SecretCipher cipher) {
		this.cipher = cipher;
	}

	String issue(ApiCaller caller, String nameFilter, int maxResults, ConnectionName lastName) {
		return cipher.encrypt(String.join("\n", binding(caller, nameFilter, maxResults)) + "\n" + lastName.value());
	}

	/** The name after which the page asked for starts. */
	String lastName(String token, ApiCaller caller, String nameFilter, Integer maxResults) {
		List<String> fields = open(token);
		if (fields.size() != 6 || !fields.get(0).equals(VERSION)
				|| !fields.get(1).equals(caller.caller().accountId().value())) {
			throw notValid();
		}
		if (!fields.get(2).equals(caller.region().code())) {
			throw new InvalidInputException("NextToken", "NextToken was returned for Region " + fields.get(2)
					+ ", and this request is for " + caller.region().code() + ": pass it with the Region it came from.");
		}
		if (!fields.subList(0, 5).equals(binding(caller, nameFilter, maxResults))) {
			throw new InvalidInputException("NextToken", "NextToken was returned for other parameters: pass the same "
					+ "ConnectionName and MaxResults as the request that returned it.");
		}
		return fields.get(5);
	}

	private List<String> open(String token) {
		if (token.isEmpty() || token.length() > MAX_LENGTH) {
			throw notValid();
		}
		String payload;
		try {
			payload = cipher.decrypt(token);
		}
		catch (RuntimeException ex) {
			// not hex, too short, or its authentication tag does not match: not a token of ours, or changed
			throw notValid();
		}
		return List.of(payload.split("\n", -1));
	}

	private static List<String> binding(ApiCaller caller, String nameFilter, Integer maxResults) {
		return List.of(VERSION, caller.caller().accountId().value(), caller.region().code(),
				Objects.toString(nameFilter, ""), Objects.toString(maxResults, ""));
	}

	private static InvalidInputException notValid() {
		return new InvalidInputException("NextToken", "NextToken is not valid: pass the NextToken of the previous "
				+ "ListConnections response unchanged.");
	}

}
