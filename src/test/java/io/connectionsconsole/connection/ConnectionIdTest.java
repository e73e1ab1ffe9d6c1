package io.connectionsconsole.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The identifiers read from URLs, the API and every listed row: exactly their shape, nothing more. */
class ConnectionIdTest {

	@Test
	void aRandomIdHasTheShapeOfAnId() {
		assertThat(ConnectionId.of(ConnectionId.random().value()).value()).hasSize(32);
		assertThat(ConnectionId.of("0123456789abcdef0123456789abcdef").value()).isEqualTo("0123456789abcdef0123456789abcdef");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
			"0123456789ABCDEF0123456789abcdef", "0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcd/e",
			"0123456789abcdef0123456789abcd\u0660e" })
	void anythingElseIsNotFound(String id) {
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> ConnectionId.of(id));
	}

	@Test
	void anAccountIdIsTwelveDigits() {
		assertThat(AccountId.of("123456789012").value()).isEqualTo("123456789012");
		for (String wrong : new String[] { "12345678901", "1234567890123", "12345678901a", "12345678901\u0661", "" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(wrong).isThrownBy(() -> AccountId.of(wrong));
		}
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> AccountId.of(null));
	}

}
