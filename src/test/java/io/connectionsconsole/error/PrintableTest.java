package io.connectionsconsole.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

	@Test
	void invisibleCharactersAreWrittenAsEscapes() {
		assertThat(Printable.of("a\u202Eb\u200Bc\nd")).isEqualTo("a\\u202Eb\\u200Bc\\u000Ad");
	}

	@Test
	void anExcerptOfShortTextIsTheWholeTextWithItsInvisibleCharactersEscaped() {
		assertThat(Printable.excerpt("txt\u202Eexe", 7)).isEqualTo("txt\\u202Eexe");
		assertThat(Printable.excerpt("", 7)).isEmpty();
		assertThat(Printable.excerpt(null, 7)).isEmpty();
	}

	@Test
	void anExcerptOfLongerTextKeepsItsFirstCharactersAndSaysThatMoreFollows() {
		assertThat(Printable.excerpt("abcdefgh", 7)).isEqualTo("abcdefg…");
		assertThat(Printable.excerpt("x".repeat(100_000), 40)).hasSize(41);
	}

	@Test
	void anExcerptCountsCharactersBeyondTheBmpAsOneAndNeverCutsOneInHalf() {
		String rockets = "🚀".repeat(5);

		assertThat(Printable.excerpt(rockets, 5)).isEqualTo(rockets);
		assertThat(Printable.excerpt(rockets, 2)).isEqualTo("🚀🚀…");
	}

	@Test
	void theEscapesOfAnExcerptAreWrittenAfterItIsCutSoThatNoneIsCutInHalf() {
		assertThat(Printable.excerpt("ab\u202Ecd", 3)).isEqualTo("ab\\u202E…");
	}

	@Test
	void withinAWidthTheEscapedTextIsCutToItEllipsisIncludedAndNoCharacterBeyondTheBmpIsCutInHalf() {
		assertThat(Printable.within("a\u202Eb", 8)).isEqualTo("a\\u202Eb");
		assertThat(Printable.within("a\u202Eb", 7)).isEqualTo("a\\u202…").hasSize(7);
		assertThat(Printable.within("ab🚀cd", 4)).isEqualTo("ab…");
		assertThat(Printable.within(null, 4)).isEmpty();
	}

}
