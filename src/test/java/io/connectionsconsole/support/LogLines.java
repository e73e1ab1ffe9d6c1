package io.connectionsconsole.support;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.test.system.CapturedOutput;

/**
 * The lines of a captured log by their level, whichever format the log is in: the tests' plain lines, the JSON lines a
 * test class that asks for them turns on for the tests that run after it in the same JVM, or Logback's own lines in a
 * test that runs before any Spring context has set the format.
 */
public final class LogLines {

	private static final Pattern PLAIN = Pattern.compile("^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s");

	private static final Pattern LOGBACK = Pattern
		.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\[[^]]*] (TRACE|DEBUG|INFO|WARN|ERROR) ");

	private static final Pattern JSON = Pattern.compile("\"level\":\"(TRACE|DEBUG|INFO|WARN|ERROR)\"");

	private LogLines() {
	}

	/** The level of a log line; null for a line that is none (a stack trace's, a program's own output). */
	public static String levelOf(String line) {
		Matcher plain = PLAIN.matcher(line);
		if (plain.find()) {
			return plain.group(1);
		}
		Matcher logback = LOGBACK.matcher(line);
		if (logback.find()) {
			return logback.group(1);
		}
		Matcher json = line.startsWith("{") ? JSON.matcher(line) : null;
		return json != null && json.find() ? json.group(1) : null;
	}

	/** The captured lines at {@code level}. */
	public static List<String> at(CapturedOutput output, String level) {
		return output.toString().lines().filter((line) -> level.equals(levelOf(line))).toList();
	}

	/** The captured lines that contain {@code text}. */
	public static List<String> containing(CapturedOutput output, String text) {
		return output.toString().lines().filter((line) -> line.contains(text)).toList();
	}

}
