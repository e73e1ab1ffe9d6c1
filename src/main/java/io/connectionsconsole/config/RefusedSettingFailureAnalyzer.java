package io.connectionsconsole.config;

import java.util.regex.Pattern;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A setting the console refuses at start, reported as Spring Boot reports its own (APPLICATION FAILED TO START, what
 * is wrong, what to do) rather than as a stack trace whose last cause names the setting: the console's checks refuse
 * with a message that begins with the property's name.
 */
class RefusedSettingFailureAnalyzer implements FailureAnalyzer {

	/** A message that begins with a property's name: {@code console.token-key must be…}. */
	private static final Pattern NAMES_A_SETTING = Pattern.compile("(console|server|spring)\\.[a-z0-9.{},-]+\\s.*",
			Pattern.DOTALL);

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if ((cause instanceof IllegalStateException || cause instanceof IllegalArgumentException)
					&& cause.getMessage() != null && NAMES_A_SETTING.matcher(cause.getMessage()).matches()) {
				return new FailureAnalysis(cause.getMessage(), "Change the setting named above (a property, or its "
						+ "environment variable: the name in capitals, with _ for . and -) and start again.", cause);
			}
		}
		return null;
	}

}
