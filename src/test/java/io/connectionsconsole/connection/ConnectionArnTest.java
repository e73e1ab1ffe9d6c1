package io.connectionsconsole.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.error.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionArnTest {

	private static final String ARN = "arn:aws:apprunner:eu-west-1:123456789012:connection/my-github/0123456789abcdef0123456789abcdef";

	@Test
	void anArnIsParsedIntoItsPartsAndFormattedBack() {
		ConnectionArn arn = ConnectionArn.parse(ARN);

		assertThat(arn.region()).isEqualTo("eu-west-1");
		assertThat(arn.accountId()).isEqualTo(AccountId.of("123456789012"));
		assertThat(arn.name()).isEqualTo(ConnectionName.of("my-github"));
		assertThat(arn.id()).isEqualTo(ConnectionId.of("0123456789abcdef0123456789abcdef"));
		assertThat(arn.value()).isEqualTo(ARN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "arn:aws:apprunner:eu-west-1:123456789012:service/x/0123456789abcdef0123456789abcdef",
			"arn:aws:apprunner:eu-west-1:12345678901:connection/my-github/0123456789abcdef0123456789abcdef",
			"arn:aws:apprunner:eu-west-1:123456789012:connection/my-github/0123456789ABCDEF0123456789abcdef",
			"arn:aws:s3:eu-west-1:123456789012:connection/my-github/0123456789abcdef0123456789abcdef",
			"arn:aws:apprunner:eu-west-1:123456789012:connection/ab/0123456789abcdef0123456789abcdef" })
	void malformedArnsAreRefusedNamingTheField(String arn) {
		assertThatThrownBy(() -> ConnectionArn.parse(arn)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("ConnectionArn")
			.extracting((ex) -> ((InvalidInputException) ex).field())
			.isEqualTo("ConnectionArn");
	}

	@Test
	void aRefusedArnIsQuotedInItsMessageShortenedAndWithItsInvisibleCharactersEscaped() {
		assertThatThrownBy(() -> ConnectionArn.parse("arn:aws:apprunner:\u202E" + "x".repeat(100_000)))
			.hasMessageStartingWith("ConnectionArn 'arn:aws:apprunner:\\u202Exxx")
			.hasMessageContaining("x…' is not a connection ARN")
			.message()
			.hasSizeLessThan(300);
	}

	@Test
	void aRandomIdIsThirtyTwoLowerCaseHexCharacters() {
		assertThat(ConnectionId.random().value()).matches("[0-9a-f]{32}");
	}

}
