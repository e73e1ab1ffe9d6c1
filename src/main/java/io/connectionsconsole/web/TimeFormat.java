package io.connectionsconsole.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How pages show a moment before the browser turns it into local time, e.g. {@code 2026-01-31 09:05 UTC}. Written
 * out by hand for the years 1 to 9999: a page shows a moment in every row, and the general formatter was a visible
 * part of rendering it.
 */
public final class TimeFormat {

	static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private TimeFormat() {
	}

	public static String utc(Instant instant) {
		if (instant == null) {
			return "";
		}
		LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
		if (!writtenByHand(time)) {
			return UTC.format(instant);
		}
		return toTheMinute(new StringBuilder(20), time, ' ').append(" UTC").toString();
	}

	/**
	 * The moment as {@link Instant#toString()} writes it (ISO 8601, e.g. {@code 2026-01-31T09:05:59.120Z}), for the
	 * {@code datetime} attribute that browsers and scripts read.
	 */
	public static String iso(Instant instant) {
		if (instant == null) {
			return "";
		}
		LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
		if (!writtenByHand(time)) {
			return instant.toString();
		}
		StringBuilder text = toTheMinute(new StringBuilder(30), time, 'T').append(':');
		digits(text, time.getSecond(), 2);
		int nano = instant.getNano();
		if (nano > 0) {
			text.append('.');
			if (nano % 1_000_000 == 0) {
				digits(text, nano / 1_000_000, 3);
			}
			else if (nano % 1_000 == 0) {
				digits(text, nano / 1_000, 6);
			}
			else {
				digits(text, nano, 9);
			}
		}
		return text.append('Z').toString();
	}

	private static boolean writtenByHand(LocalDateTime time) {
		return time.getYear() >= 1 && time.getYear() <= 9999;
	}

	/** {@code yyyy-MM-dd}, the separator, {@code HH:mm}. */
	private static StringBuilder toTheMinute(StringBuilder text, LocalDateTime time, char separator) {
		digits(text, time.getYear(), 4).append('-');
		digits(text, time.getMonthValue(), 2).append('-');
		digits(text, time.getDayOfMonth(), 2).append(separator);
		digits(text, time.getHour(), 2).append(':');
		return digits(text, time.getMinute(), 2);
	}

	private static StringBuilder digits(StringBuilder text, int value, int width) {
		for (int divisor = (int) Math.pow(10, width - 1); divisor > 0; divisor /= 10) {
			text.append((char) ('0' + value / divisor % 10));
		}
		return text;
	}

}
