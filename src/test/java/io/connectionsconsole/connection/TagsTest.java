package io.connectionsconsole.connection;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.connectionsconsole.error.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TagsTest {

	@Test
	void keysOfOneToOneHundredTwentyEightAndValuesUpToTwoHundredFiftySixCharactersAreValid() {
		Tag tag = new Tag("k".repeat(128), "v".repeat(256));

		assertThat(tag.key()).hasSize(128);
		assertThat(new Tag("k", null).value()).isEmpty();
	}

	/** A character outside the Basic Multilingual Plane (an emoji) is one character, as App Runner counts, not two. */
	@Test
	void lengthsAreCountedInCharactersNotInUtf16Units() {
		String grin = "\uD83D\uDE00";
		Tag tag = new Tag(grin.repeat(128), grin.repeat(256));

		assertThat(tag.key().codePointCount(0, tag.key().length())).isEqualTo(128);
		assertThatThrownBy(() -> new Tag(grin.repeat(129), "")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("is 129 characters long; a tag key can have at most 128");
		assertThatThrownBy(() -> new Tag("k", grin.repeat(257))).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("is 257 characters long; a tag value can have at most 256");
		// positions too
		assertThatThrownBy(() -> new Tag("k", grin + grin + "\u0001")).hasMessageContaining("at position 3;");
		assertThatThrownBy(() -> new Tag(grin + "\u200B", "")).hasMessageContaining("at position 2;");
	}

	@Test
	void longerKeysAndValuesAreRefused() {
		assertThatThrownBy(() -> new Tag("k".repeat(129), "")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("at most 128");
		assertThatThrownBy(() -> new Tag("k", "v".repeat(257))).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("at most 256");
		assertThatThrownBy(() -> new Tag("", "v")).hasMessageContaining("must not be empty");
	}

	@Test
	void keysStartingWithAwsColonAreReserved() {
		assertThatThrownBy(() -> new Tag("aws:owner", "me")).hasMessageContaining("reserved");
		assertThatThrownBy(() -> new Tag("AWS:owner", "me")).hasMessageContaining("reserved");
		assertThat(new Tag("awsome", "yes").key()).isEqualTo("awsome");
	}

	@Test
	void atMostFiftyTagsWithDistinctKeys() {
		List<Tag> tags = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			tags.add(new Tag("k" + i, ""));
		}
		assertThat(new Tags(tags).list()).hasSize(50);

		tags.add(new Tag("k50", ""));
		assertThatThrownBy(() -> new Tags(tags)).hasMessageContaining("at most 50 tags; 51 were given");
		assertThatThrownBy(() -> new Tags(List.of(new Tag("a", "1"), new Tag("a", "2"))))
			.hasMessageContaining("more than once");
	}

	@Test
	void tagsAddedBesideFiftyPresentAreRefusedUnlessTheyOnlyReplaceValues() {
		List<Tag> present = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			present.add(new Tag("k" + i, ""));
		}

		new Tags(List.of(new Tag("k7", "new value"))).requireRoomBeside(present);
		assertThatThrownBy(() -> new Tags(List.of(new Tag("k7", "x"), new Tag("k50", ""))).requireRoomBeside(present))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("A resource can have at most 50 tags: it has 50, and these would make 51.");
	}

	@Test
	void aControlCharacterInAKeyOrValueIsRefusedNamingTheTagAndTheCharacter() {
		assertThatThrownBy(() -> new Tag("team", "we\u0000b")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("tag 'team'")
			.hasMessageContaining("U+0000 at position 3");
		assertThatThrownBy(() -> new Tag("team", "web\r\nSet-Cookie: x")).hasMessageContaining("tag 'team'")
			.hasMessageContaining("U+000D");
		assertThatThrownBy(() -> new Tag("te\u0007am", "web")).hasMessageContaining("Tag key 'te\\u0007am'")
			.hasMessageContaining("U+0007");
		assertThatThrownBy(() -> Tag.validKey("tab\tkey")).hasMessageContaining("U+0009");
		assertThatThrownBy(() -> new Tag("del", "\u007f")).hasMessageContaining("U+007F");
		assertThatThrownBy(() -> new Tag("c1", "next\u0085line")).hasMessageContaining("U+0085");
	}

	@Test
	void aKeyWithAnInvisibleFormatCharacterIsRefusedAndTheMessageWritesItAsAnEscape() {
		assertThatThrownBy(() -> new Tag("te\u202Eam", "web")).isInstanceOf(InvalidInputException.class)
			.hasMessage("Tag key 'te\\u202Eam' contains the invisible formatting character U+202E at position 3; tag "
					+ "keys can't contain invisible characters.");
		assertThatThrownBy(() -> new Tag("zero\u200Bwidth", "")).hasMessageContaining("'zero\\u200Bwidth'")
			.hasMessageContaining("U+200B at position 5");
		assertThatThrownBy(() -> new Tag("\uFEFFbom", "")).hasMessageContaining("'\\uFEFFbom'")
			.hasMessageContaining("U+FEFF at position 1");
		assertThatThrownBy(() -> new Tag("joined\u200D", "")).hasMessageContaining("U+200D at position 7");
		assertThatThrownBy(() -> new Tag("k\uDB40\uDC41", "")).hasMessageContaining("'k\\uDB40\\uDC41'")
			.hasMessageContaining("U+E0041 at position 2");
		assertThat(new Tag("family", "\uD83D\uDC68\u200D\uD83D\uDC69").value()).contains("\u200D");
		assertThat(Tag.validKey("stored\u200Bbefore")).as("a key to remove").isEqualTo("stored\u200Bbefore");
	}

	@Test
	void aMessageQuotingATagWritesItsInvisibleCharactersAsEscapes() {
		assertThatThrownBy(() -> new Tag("te\u0007am", "a")).isInstanceOf(InvalidInputException.class)
			.hasMessage("Tag key 'te\\u0007am' contains the control character U+0007 at position 3; tags can't "
					+ "contain control characters or line breaks.");
		assertThatThrownBy(() -> new Tag("team\u0085\u202E", "a")).hasMessageContaining("'team\\u0085\\u202E'");
	}

	@Test
	void lineAndParagraphSeparatorsAreRefusedAsAppRunnersModelRefusesLineTerminators() {
		assertThatThrownBy(() -> new Tag("team", "a\u2028b")).hasMessageContaining("U+2028");
		assertThatThrownBy(() -> new Tag("a\u2029b", "")).hasMessageContaining("U+2029");
	}

	@Test
	void halfOfASurrogatePairOnItsOwnIsRefusedInAKeyOrAValueAndAsAKeyToRemove() {
		assertThatThrownBy(() -> new Tag("k\uD800", "a")).isInstanceOf(InvalidInputException.class)
			.hasMessage("Tag key 'k\\uD800' contains U+D800 at position 2, half of a character without its other half; "
					+ "tags must be valid Unicode text.");
		assertThatThrownBy(() -> new Tag("k", "a\uDFFFb")).isInstanceOf(InvalidInputException.class)
			.hasMessageStartingWith("The value of tag 'k' contains U+DFFF at position 2");
		assertThatThrownBy(() -> new Tag("k", "\uDE80\uD83D")).hasMessageContaining("U+DE80 at position 1");
		assertThat(new Tag("🚀", "a🚀").value()).isEqualTo("a🚀");
		// PostgreSQL's driver would send it as "k?", and the removal would take the tag "k?"
		assertThatThrownBy(() -> Tag.validKey("k\uD800")).hasMessageContaining("U+D800 at position 2");
	}

	@Test
	void everyOtherCharacterIsAllowed() {
		assertThat(new Tag("équipe 🚀 עברית", "Zürich / 東京 = \u202Eabc").value()).isEqualTo("Zürich / 東京 = \u202Eabc");
		assertThat(new Tag("k", "spaces  inside").value()).isEqualTo("spaces  inside");
	}

}
