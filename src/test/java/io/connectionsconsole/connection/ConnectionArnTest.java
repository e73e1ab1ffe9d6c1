package io.connectionsconsole.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
	@CsvSource(delimiter = '|', textBlock = """
			''                                                                                                  | it does not have the six parts of an ARN
			arn:aws:apprunner:eu-west-1:123456789012:service/x/0123456789abcdef0123456789abcdef                 | its resource is not connection/{name}/{id}
			arn:aws:apprunner:eu-west-1:12345678901:connection/my-github/0123456789abcdef0123456789abcdef       | its account '12345678901' is not 12 digits
			arn:aws:apprunner:eu-west-1:123456789012:connection/my-github/0123456789ABCDEF0123456789abcdef      | its id '0123456789ABCDEF0123456789abcdef' is not 32 lower-case hexadecimal digits
			arn:aws:apprunner:eu-west-1:123456789012:connection/my-github/0123456789abcdef0123456789abcde       | its id '0123456789abcdef0123456789abcde' is not 32
			arn:aws:s3:eu-west-1:123456789012:connection/my-github/0123456789abcdef0123456789abcdef             | its service is 's3', not apprunner
			arn:aws-cn:apprunner:eu-west-1:123456789012:connection/my-github/0123456789abcdef0123456789abcdef   | its partition is 'aws-cn', not aws
			arn:aws:apprunner:eu-west-1:123456789012:connection//0123456789abcdef0123456789abcdef               | its resource is not connection/{name}/{id}
			arn:aws:apprunner:EU-WEST-1:123456789012:connection/my-github/0123456789abcdef0123456789abcdef      | its Region 'EU-WEST-1' is not a Region's code
			arn:aws:apprunner:eu-west-1:123456789012:connection/ab/0123456789abcdef0123456789abcdef             | has an invalid name
			""")
	void malformedArnsAreRefusedNamingTheFieldAndWhatIsWrong(String arn, String wrong) {
		assertThatThrownBy(() -> ConnectionArn.parse(arn)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("ConnectionArn")
			.hasMessageContaining(wrong)
			.extracting((ex) -> ((InvalidInputException) ex).field())
			.isEqualTo("ConnectionArn");
		assertThatThrownBy(() -> ConnectionArn.parse("ResourceArn", arn)).hasMessageStartingWith("ResourceArn '")
			.extracting((ex) -> ((InvalidInputException) ex).field())
			.isEqualTo("ResourceArn");
	}

	@Test
	void aRefusedArnIsQuotedInItsMessageShortenedAndWithItsInvisibleCharactersEscaped() {
		assertThatThrownBy(() -> ConnectionArn.parse("arn:aws:apprunner:\u202E" + "x".repeat(100_000)))
			.hasMessageStartingWith("ConnectionArn 'arn:aws:apprunner:\\u202Exxx")
			.hasMessageContaining("x…' is not a connection ARN")
			.message()
			.hasSizeLessThan(400);
	}

	@Test
	void aRandomIdIsThirtyTwoLowerCaseHexCharacters() {
		assertThat(ConnectionId.random().value()).matches("[0-9a-f]{32}");
	}

}
