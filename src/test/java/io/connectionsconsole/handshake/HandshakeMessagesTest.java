package io.connectionsconsole.handshake;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.support.EnglishMessages;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message the handshake and the handshake links can flash or show exists, and quotes its argument intact. */
class HandshakeMessagesTest {

	private final EnglishMessages messages = new EnglishMessages();

	private List<String> codes() {
		List<String> codes = new ArrayList<>();
		for (HandshakeOutcome outcome : HandshakeOutcome.values()) {
			// NOT_CONFIGURED too: a callback whose provider lost its registration since the handshake began says so
			codes.add(outcome.messageCode());
		}
		for (ProviderType type : ProviderType.values()) {
			codes.add(HandshakeOutcome.NOT_CONFIGURED.messageCode() + "." + type.registrationId());
		}
		for (HandshakeLinkRefusedException.Reason reason : HandshakeLinkRefusedException.Reason.values()) {
			codes.add(reason.messageCode());
		}
		codes.addAll(List.of("flash.handshakeLink.created", "flash.handshakeLink.notPending",
				"details.reason.PENDING_HANDSHAKE", "details.reason.AVAILABLE", "details.reason.ERROR"));
		return codes;
	}

	@Test
	void everyOutcomeHasItsMessage() {
		messages.assertEachQuotesItsArgument(codes());
	}

	@Test
	void apostrophesSurviveMessageFormatting() {
		assertThat(messages.get("flash.handshake.userLookupFailed", "my-connection"))
			.contains("didn't say which account");
	}

}
