package io.connectionsconsole.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every page shares beyond Spring's own configuration. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	/**
	 * How pages show a moment, e.g. {@code 2026-01-31 09:05 UTC}; the browser's script turns it into local time.
	 * Templates reach it as {@code @timeFormat}.
	 */
	@Bean
	public DateTimeFormatter timeFormat() {
		return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(ZoneId.of("UTC"));
	}

}
