package io.connectionsconsole.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * How pages show a moment before the browser turns it into local time: one formatter built once, since building
 * one per cell was a measurable part of rendering the Connected accounts page.
 */
@Component("timeFormat")
public class TimeFormat {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	public String utc(Instant instant) {
		return instant == null ? "" : UTC.format(instant);
	}

}
