package io.connectionsconsole.support;

import java.util.List;
import java.util.Locale;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's {@code messages.properties} as an English page shows them, for the tests of message codes. */
public final class EnglishMessages {

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	public EnglishMessages() {
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
	}

	public String get(String code, Object... arguments) {
		return messages.getMessage(code, arguments, Locale.ENGLISH);
	}

	/** Every code has its message, and the message quotes its argument intact. */
	public void assertEachQuotesItsArgument(List<String> codes) {
		for (String code : codes) {
			assertThat(get(code, "my-connection")).as(code).isNotBlank().doesNotContain("''").doesNotContain("{0}");
		}
	}

}
