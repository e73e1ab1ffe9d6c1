package io.connectionsconsole.web;

import java.text.MessageFormat;
import java.util.Locale;

import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The console's {@code messages.properties}, each message with arguments formatted on its own copy of the cached
 * {@link MessageFormat}. Spring formats on the one cached format while holding its lock, so every request listing rows
 * queued on the same few locks, and a thread that lost its core while holding one held up all the others
 * (docs/performance.md, "Page p99 and the order of requests").
 */
final class PageMessages extends ResourceBundleMessageSource {

	PageMessages() {
		setBasename("messages");
		setDefaultEncoding("UTF-8");
		setFallbackToSystemLocale(false);
	}

	@Override
	protected MessageFormat resolveCode(String code, Locale locale) {
		MessageFormat shared = super.resolveCode(code, locale);
		return (shared != null) ? (MessageFormat) shared.clone() : null;
	}

}
