package io.connectionsconsole.connection;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.host.HostProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A refusal that quotes what was typed quotes an excerpt of it, with what shows nothing or turns the text around
 * written out: a page, or the API's message, doesn't repeat ten thousand characters or a right-to-left override.
 */
class QuotedInputTest {

	private static final String TYPED = "a b\u202E" + "x".repeat(10_000);

	@Test
	void anUnknownProviderType() {
		assertThatThrownBy(() -> ProviderType.parse(TYPED)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("ProviderType 'a b\\u202Exxx")
			.hasMessageContaining("x…' is not supported")
			.hasMessageNotContaining("\u202E")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200));
	}

	@Test
	void anUnknownColumn() {
		assertThatThrownBy(() -> ListPreferences.of(10, List.of(TYPED))).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("There is no column 'a b\\u202Exxx")
			.hasMessageNotContaining("\u202E")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200));
	}

	@Test
	void aServerUrlThatIsNone() {
		assertThatThrownBy(() -> HostProbe.url("https://" + TYPED, false)).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("'https://a b\\u202Exxx")
			.hasMessageEndingWith("…' is not a URL.")
			.hasMessageNotContaining("\u202E")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200));
	}

}
