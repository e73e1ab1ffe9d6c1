package io.connectionsconsole.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Pages get the same texts Spring's message source gives, from any number of threads at once. */
class PageMessagesTest {

	private final ResourceBundleMessageSource source = messageSource();

	private final PageMessages messages = new PageMessages(source);

	private static ResourceBundleMessageSource messageSource() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	private static Properties keys() throws IOException {
		Properties keys = new Properties();
		try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/messages.properties"))) {
			keys.load(in);
		}
		return keys;
	}

	@Test
	void everyMessageReadsAsSpringFormatsIt() throws IOException {
		Object[] args = { 10000, "it's <b>", 3 };
		for (String code : keys().stringPropertyNames()) {
			assertThat(messages.get(code, Locale.ENGLISH)).as(code).isEqualTo(source.getMessage(code, null, Locale.ENGLISH));
			assertThat(messages.get(code, Locale.ENGLISH, args)).as(code)
				.isEqualTo(source.getMessage(code, args, Locale.ENGLISH));
		}
	}

	@Test
	void argumentsAreFormattedForTheLocale() {
		assertThat(messages.get("connections.counter", Locale.ENGLISH, 12345)).isEqualTo("(12,345)");
	}

	@Test
	void threadsFormattingAtOnceEachGetTheirOwnText() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int n = t;
				results.add(threads.submit(() -> {
					for (int i = 0; i < 2000; i++) {
						String expected = "(" + (n * 100 + i % 100) + ")";
						if (!messages.get("connections.counter", Locale.ENGLISH, n * 100 + i % 100).equals(expected)) {
							return false;
						}
					}
					return true;
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aMissingMessageIsAnError() {
		assertThatExceptionOfType(NoSuchMessageException.class)
			.isThrownBy(() -> messages.get("no.such.message", Locale.ENGLISH));
	}

}
