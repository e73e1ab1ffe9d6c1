package io.connectionsconsole.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's messages, each message with arguments formatted on a format of its own call. */
class PageMessagesTest {

	private final PageMessages messages = new PageMessages();

	@Test
	void aMessageWithArgumentsIsFormattedOnAFormatNoOtherCallHolds() {
		assertThat(messages.resolveCode("connections.selectRow", Locale.ENGLISH))
			.isNotNull()
			.isNotSameAs(messages.resolveCode("connections.selectRow", Locale.ENGLISH));
	}

	@Test
	void messagesReadAsTheConsoleWritesThem() {
		assertThat(messages.getMessage("connections.selectRow", new Object[] { "my-connection" }, Locale.ENGLISH))
			.contains("my-connection")
			.doesNotContain("{0}");
		assertThat(messages.getMessage("nav.signOut", null, Locale.GERMAN)).isNotBlank();
		assertThat(messages.getMessage("no.such.code", null, "fallback", Locale.ENGLISH)).isEqualTo("fallback");
	}

}
