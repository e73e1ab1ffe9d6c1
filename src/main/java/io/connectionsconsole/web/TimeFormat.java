package io.connectionsconsole.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How pages show a moment before the browser turns it into local time: one formatter, built once.
 */
public final class TimeFormat {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private TimeFormat() {
	}

	public static String utc(Instant instant) {
		return instant == null ? "" : UTC.format(instant);
	}

}
