package io.connectionsconsole.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.connectionsconsole.error.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionNameTest {

	@ParameterizedTest
	@ValueSource(strings = { "abcd", "my-github", "My_Conn_1", "0123", "a2345678901234567890123456789012" })
	void namesOfFourToThirtyTwoAllowedCharactersAreValid(String name) {
		assertThat(ConnectionName.of(name).value()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "a23456789012345678901234567890123" })
	void namesOutsideFourToThirtyTwoCharactersAreRefusedWithTheirLength(String name) {
		assertThatThrownBy(() -> ConnectionName.of(name)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("4 to 32 characters")
			.hasMessageContaining("has " + name.length());
	}

	@ParameterizedTest
	@ValueSource(strings = { "-abc", "_abc", "my conn", "my.conn", "conn/1", "émile" })
	void namesWithOtherCharactersOrAWrongFirstCharacterAreRefused(String name) {
		assertThatThrownBy(() -> ConnectionName.of(name)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("letters, digits, hyphens (-) and underscores (_)")
			.extracting((ex) -> ((InvalidInputException) ex).field())
			.isEqualTo("ConnectionName");
	}

	@Test
	void aRefusedNameIsQuotedWithItsInvisibleCharactersEscapedAndItsLengthCut() {
		assertThatThrownBy(() -> ConnectionName.of("txt\u202Eexe"))
			.hasMessageStartingWith("Connection name 'txt\\u202Eexe'");
		assertThatThrownBy(() -> ConnectionName.of("a".repeat(5_000)))
			.hasMessage("Connection name must be 4 to 32 characters long; '" + "a".repeat(40) + "…' has 5000.");
	}

	@Test
	void anEmptyNameAsksForOne() {
		assertThatThrownBy(() -> ConnectionName.of("")).hasMessage("Enter a connection name.");
	}

}
