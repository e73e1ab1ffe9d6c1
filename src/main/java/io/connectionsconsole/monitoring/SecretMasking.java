package io.connectionsconsole.monitoring;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks OAuth secrets in every value of a JSON log line (message, error, stack trace), whatever logger wrote it and at
 * whatever level: a library's debug line (Spring's RestClient writes each token request's form body at DEBUG) must
 * not carry a provider's token because an operator turned its logger up. Named in
 * {@code logging.structured.json.customizer}.
 */
public class SecretMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

	static final String MASK = "****";

	/**
	 * {@code refresh_token=[…]} of a form body, {@code "access_token":"…"} of JSON, {@code code=…} or {@code state=…} of
	 * a query, {@code clientSecret='…'} of a client registration's {@code toString}, {@code password=…} or
	 * {@code tokenKey=…} of a record's; not a driver's {@code SQL State : …} or {@code Error Code : …}, which tell an
	 * operator why the database refused.
	 */
	private static final Pattern NAMED = Pattern.compile("(?i)(\\b(?:access_token|refresh_token|id_token|code_verifier"
			+ "|client[_-]?secret|code|state|nonce|(?:current|new|confirm|initial)?password"
			+ "|token[_-]?key|secret[_-]?access[_-]?key|webhook[_-]?secret|secret|private[_-]?key)"
			+ "\\b[\"']?\\s*[=:]\\s*\\[?\\s*[\"']?)[^\\s\"',&;\\]\\[}]+");

	/** A driver's {@code SQL State  : 28P01} and {@code Error Code : 0}, as Flyway writes them: kept. */
	private static final Pattern DRIVER_DIAGNOSTIC = Pattern
		.compile("(?i:sql state|error code)\\s*:\\s*-?[0-9A-Z]{1,5}");

	/** A private key in PEM, whole, wherever it stands. */
	private static final Pattern PEM_KEY = Pattern.compile(
			"-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)");

	/** A handshake link's secret, the path's segment after {@code /handshake/link/}, in any case, or mistyped as links. */
	private static final Pattern HANDSHAKE_LINK = Pattern.compile("(?i)(/handshake/links?/)[^\\s\"'\\[\\]|?#&;,<>]+");

	/** The console's own link tokens, recognizable by their prefix wherever they stand. */
	private static final Pattern LINK_TOKEN = Pattern.compile("\\bccgit_[A-Za-z0-9_-]{16,}");

	/** The credentials of an {@code Authorization} header. */
	private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)[A-Za-z0-9\\-._~+/]{8,}=*");

	/** GitHub's tokens, recognizable by their prefix wherever they stand. */
	private static final Pattern GITHUB_TOKEN = Pattern.compile("\\bgh[pousr]_[A-Za-z0-9_]{16,}");

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, SecretMasking::mask));
	}

	/** Whether the named value {@code match} of {@code text} is a driver's diagnostic, with the word before its name. */
	private static boolean diagnostic(String text, MatchResult match) {
		int from = Math.max(0, match.start() - 6);
		Matcher diagnostic = DRIVER_DIAGNOSTIC.matcher(text).region(from, match.end());
		return diagnostic.find() && diagnostic.start() < match.start() && diagnostic.end() == match.end();
	}

	static String mask(String value) {
		if (value == null) {
			return null;
		}
		String masked = PEM_KEY.matcher(value).replaceAll("-----BEGIN $1PRIVATE KEY-----" + MASK);
		String named = masked;
		masked = NAMED.matcher(named).replaceAll((match) -> Matcher.quoteReplacement(diagnostic(named, match)
				? match.group() : match.group(1) + MASK));
		masked = AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
		masked = LINK_TOKEN.matcher(masked).replaceAll(MASK);
		masked = HANDSHAKE_LINK.matcher(masked).replaceAll("$1" + MASK);
		return GITHUB_TOKEN.matcher(masked).replaceAll(MASK);
	}

}
