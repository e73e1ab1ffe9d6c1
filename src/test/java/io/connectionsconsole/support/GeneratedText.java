package io.connectionsconsole.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.slf4j.LoggerFactory;

/**
 * Text for generated-input tests, and the choices it is made of: what users and clients may send, valid and not,
 * around every limit the rules have. It draws from a seeded generator, so that a failing run can be replayed.
 */
public final class GeneratedText {

	/** The system property that sets the seed, to replay the inputs of a run that failed. */
	private static final String SEED_PROPERTY = "generated.seed";

	private static final String ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final String ALPHANUMERIC = ALPHA + "0123456789";

	private static final int SHOWN_LENGTH = 80;

	/** Each test class's seed, chosen (and logged) once per run. */
	private static final Map<Class<?>, Long> SEEDS = new ConcurrentHashMap<>();

	private final RandomGenerator random;

	private GeneratedText(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/**
	 * Text for one of {@code testClass}'s tests. Every test of the class starts from the class's seed, so that a test
	 * run alone sees the inputs it saw among the others.
	 */
	public static GeneratedText forTest(Class<?> testClass) {
		return new GeneratedText(SEEDS.computeIfAbsent(testClass, GeneratedText::seed));
	}

	private static long seed(Class<?> testClass) {
		String set = System.getProperty(SEED_PROPERTY, "");
		long seed = set.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(set.strip());
		LoggerFactory.getLogger(testClass)
			.info("Generated inputs from seed {}; -D{}={} replays them", seed, SEED_PROPERTY, seed);
		return seed;
	}

	/** Any of the kinds below. */
	public String any() {
		return oneOf(this::anyCharacters, this::nameLike, this::withControlCharacter, this::aroundLimits,
				this::notable);
	}

	/** Any UTF-16 code units, lone surrogates included. */
	public String anyCharacters() {
		char[] text = new char[between(0, 40)];
		for (int i = 0; i < text.length; i++) {
			text[i] = (char) between(Character.MIN_VALUE, Character.MAX_VALUE);
		}
		return new String(text);
	}

	/** Letters, digits, hyphens and underscores: often a valid connection name or tag. */
	public String nameLike() {
		return string(between(1, 36), ALPHANUMERIC + "-_");
	}

	/** Ordinary text with one control character (Unicode Cc) or line separator somewhere in it. */
	public String withControlCharacter() {
		char control = oneOf(() -> (char) between(0x00, 0x1f), () -> (char) between(0x7f, 0x9f),
				() -> of('\u2028', '\u2029'));
		return string(between(0, 6), ALPHA) + control + string(between(0, 6), ALPHA);
	}

	/** Lengths on either side of the rules' limits: names 4–32, tag keys 128, tag values 256. */
	public String aroundLimits() {
		return string(of(0, 3, 4, 32, 33, 127, 128, 129, 255, 256, 257, 1025), ALPHANUMERIC);
	}

	/** Text with a history of breaking things: reserved prefixes, markup, SQL, wildcards, bidirectional overrides. */
	public String notable() {
		return of("", " ", "GITHUB", "BITBUCKET", "github", "aws:owner", "AWS:x", "🚀🚀🚀🚀", "\u202Eevil", "null", "0",
				"-1", "%", "_", "\\", "%_%", "'; DROP TABLE connection; --", "<script>x</script>", "名前のテスト", "\ud800",
				"a\udc00b", "\uFEFFbom-name", "us-east-1", "../../etc/passwd");
	}

	/** {@code length} characters of {@code alphabet}. */
	public String string(int length, String alphabet) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	/** One of {@code values}, each as likely. */
	@SafeVarargs
	public final <T> T of(T... values) {
		return values[random.nextInt(values.length)];
	}

	public <T> T of(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** What one of {@code choices} makes, each as likely. */
	@SafeVarargs
	public final <T> T oneOf(Supplier<? extends T>... choices) {
		return of(choices).get();
	}

	/** Up to {@code maxSize} of what {@code item} makes. */
	public <T> List<T> listOf(int maxSize, Supplier<T> item) {
		List<T> list = new ArrayList<>();
		for (int size = between(0, maxSize); list.size() < size;) {
			list.add(item.get());
		}
		return list;
	}

	/** A number from {@code min} to {@code max}, both included. */
	public int between(int min, int max) {
		return random.nextInt(min, max + 1);
	}

	public boolean nextBoolean() {
		return random.nextBoolean();
	}

	public long nextLong() {
		return random.nextLong();
	}

	/** Any finite double, from the smallest subnormal to the largest. */
	public double nextDouble() {
		double value;
		do {
			value = Double.longBitsToDouble(random.nextLong());
		}
		while (!Double.isFinite(value));
		return value;
	}

	/**
	 * {@code text} as a test's display name shows it: characters outside printable ASCII as JSON's escapes of four hex
	 * digits, so that control characters and lone surrogates don't break the report, and shortened when long.
	 */
	public static String shown(String text) {
		StringBuilder shown = new StringBuilder();
		int i = 0;
		for (; i < text.length() && shown.length() < SHOWN_LENGTH; i++) {
			char c = text.charAt(i);
			shown.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return (i < text.length()) ? shown + "... (" + text.length() + " characters)" : shown.toString();
	}

}
