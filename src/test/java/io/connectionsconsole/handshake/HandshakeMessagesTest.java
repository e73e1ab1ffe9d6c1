package io.connectionsconsole.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.connection.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message the handshake, the checks, the repository reads and the handshake links can flash or show exists, and
 * quotes its argument intact.
 */
class HandshakeMessagesTest {

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	HandshakeMessagesTest() {
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
	}

	private List<String> codes() {
		List<String> codes = new ArrayList<>();
		for (HandshakeOutcome outcome : HandshakeOutcome.values()) {
			if (outcome != HandshakeOutcome.NOT_CONFIGURED) {
				codes.add(outcome.messageCode());
			}
		}
		for (ProviderType type : ProviderType.values()) {
			codes.add(HandshakeOutcome.NOT_CONFIGURED.messageCode() + "." + type.registrationId());
		}
		for (CheckOutcome outcome : CheckOutcome.values()) {
			codes.add(HandshakeController.CHECK_MESSAGE_PREFIX + outcome.name());
			codes.add("check.outcome." + outcome.name());
		}
		codes.add(HandshakeController.CHECK_MESSAGE_PREFIX + "notAvailable");
		for (CheckOutcome outcome : CheckOutcome.values()) {
			if (!outcome.ok()) {
				codes.add("repositories.problem." + outcome.name());
			}
		}
		for (CheckTrigger trigger : CheckTrigger.values()) {
			codes.add("check.trigger." + trigger.name());
		}
		for (HandshakeLinkRefusedException.Reason reason : HandshakeLinkRefusedException.Reason.values()) {
			codes.add(reason.messageCode());
		}
		codes.addAll(List.of("flash.handshakeLink.created", "flash.handshakeLink.notPending",
				"repositories.branches.notFound", "details.reason.PENDING_HANDSHAKE", "details.reason.AVAILABLE",
				"details.reason.ERROR"));
		return codes;
	}

	@Test
	void everyOutcomeHasItsMessage() {
		for (String code : codes()) {
			String message = messages.getMessage(code, new Object[] { "my-connection" }, Locale.ENGLISH);
			assertThat(message).as(code).isNotBlank().doesNotContain("''").doesNotContain("{0}");
		}
	}

	@Test
	void apostrophesSurviveMessageFormatting() {
		assertThat(messages.getMessage("flash.handshake.userLookupFailed", new Object[] { "my-connection" },
				Locale.ENGLISH)).contains("didn't say which account");
		assertThat(messages.getMessage("repositories.problem.TOKEN_REJECTED", new Object[] { "GitHub" },
				Locale.ENGLISH)).startsWith("GitHub rejected the connection's token");
	}

}
