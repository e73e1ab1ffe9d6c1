package io.connectionsconsole.web;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Message texts for pages, formatted the way Spring's {@link MessageSource} formats them. Spring shares one
 * {@link MessageFormat} per message and locks it while formatting; a page formats dozens of messages, so under load
 * every request queued on those locks. Each thread here keeps its own formats instead, and the texts themselves are
 * read once (messages.properties is read once anyway: Spring caches its bundles forever).
 */
@Component
public class PageMessages {

	private final MessageSource messages;

	private final Map<Locale, Map<String, String>> patterns = new ConcurrentHashMap<>();

	private final ThreadLocal<Map<Locale, Map<String, MessageFormat>>> formats = ThreadLocal.withInitial(HashMap::new);

	PageMessages(MessageSource messages) {
		this.messages = messages;
	}

	/** The text of message {@code code}, with its arguments; a missing message is an error, never a blank. */
	public String get(String code, Locale locale, Object... args) {
		// Without arguments Spring returns the text as written, without a lock.
		String pattern = pattern(code, locale);
		if (args.length == 0) {
			return pattern;
		}
		return formats.get()
			.computeIfAbsent(locale, (l) -> new HashMap<>())
			.computeIfAbsent(pattern, (p) -> new MessageFormat(p, locale))
			.format(args);
	}

	/**
	 * Reads before it computes: {@link ConcurrentHashMap#computeIfAbsent} locks its bin whenever the key is not the
	 * bin's first entry, even when the key is present, and a page looks up dozens of messages.
	 */
	private String pattern(String code, Locale locale) {
		Map<String, String> texts = patterns.get(locale);
		if (texts == null) {
			texts = patterns.computeIfAbsent(locale, (l) -> new ConcurrentHashMap<>());
		}
		String pattern = texts.get(code);
		return (pattern != null) ? pattern : texts.computeIfAbsent(code, (c) -> messages.getMessage(c, null, locale));
	}

	MessageSource source() {
		return messages;
	}

}
