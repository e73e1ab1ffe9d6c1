package io.connectionsconsole.support;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Text for property tests: what users and clients may send, valid and not, around every limit the rules have. */
public final class GeneratedText {

	private GeneratedText() {
	}

	/** Any of the kinds below. */
	public static Arbitrary<String> any() {
		return Arbitraries.oneOf(anyCharacters(), nameLike(), withControlCharacter(), aroundLimits(), notable());
	}

	/** Any UTF-16 code units, lone surrogates included. */
	public static Arbitrary<String> anyCharacters() {
		return Arbitraries.strings().all().ofMaxLength(40);
	}

	/** Letters, digits, hyphens and underscores: often a valid connection name or tag. */
	public static Arbitrary<String> nameLike() {
		return Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(36);
	}

	/** Ordinary text with one control character (Unicode Cc) or line separator somewhere in it. */
	public static Arbitrary<String> withControlCharacter() {
		Arbitrary<String> around = Arbitraries.strings().alpha().ofMaxLength(6);
		Arbitrary<Character> control = Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'),
				Arbitraries.chars().range('\u007f', '\u009f'), Arbitraries.of('\u2028', '\u2029'));
		return Combinators.combine(around, control, around).as((before, c, after) -> before + c + after);
	}

	/** Lengths on either side of the rules' limits: names 4–32, tag keys 128, tag values 256. */
	public static Arbitrary<String> aroundLimits() {
		return Arbitraries.of(0, 3, 4, 32, 33, 127, 128, 129, 255, 256, 257, 1025)
			.flatMap((length) -> Arbitraries.strings().alpha().numeric().ofLength(length));
	}

	/** Text with a history of breaking things: reserved prefixes, markup, SQL, wildcards, bidirectional overrides. */
	public static Arbitrary<String> notable() {
		return Arbitraries.of("", " ", "GITHUB", "BITBUCKET", "github", "aws:owner", "AWS:x", "🚀🚀🚀🚀", "\u202Eevil",
				"null", "0", "-1", "%", "_", "\\", "%_%", "'; DROP TABLE connection; --", "<script>x</script>",
				"名前のテスト", "\ud800", "a\udc00b", "\uFEFFbom-name", "us-east-1", "../../etc/passwd");
	}

}
