package io.connectionsconsole.provider;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.connectionsconsole.connection.CheckOutcome;
import io.connectionsconsole.connection.CheckTrigger;
import io.connectionsconsole.support.EnglishMessages;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message the checks and the repository reads can flash or show exists, and quotes its argument intact. */
class ProviderMessagesTest {

	private final EnglishMessages messages = new EnglishMessages();

	@Test
	void everyCheckAndReadOutcomeHasItsMessage() {
		List<String> codes = new ArrayList<>();
		for (CheckOutcome outcome : CheckOutcome.values()) {
			codes.add(ConnectionCheckController.MESSAGE_PREFIX + outcome.name());
			codes.add("check.outcome." + outcome.name());
		}
		codes.add(ConnectionCheckController.MESSAGE_PREFIX + "notAvailable");
		for (CheckOutcome outcome : CheckOutcome.values()) {
			if (!outcome.ok()) {
				codes.add("repositories.problem." + outcome.name());
			}
		}
		for (CheckTrigger trigger : CheckTrigger.values()) {
			codes.add("check.trigger." + trigger.name());
		}
		codes.add("repositories.branches.notFound");
		messages.assertEachQuotesItsArgument(codes);
	}

	@Test
	void anApostropheInARepositoryProblemSurvivesFormatting() {
		assertThat(messages.get("repositories.problem.TOKEN_REJECTED", "GitHub"))
			.startsWith("GitHub rejected the connection's token");
	}

}
