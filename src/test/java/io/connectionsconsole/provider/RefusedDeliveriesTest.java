package io.connectionsconsole.provider;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.SettableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook deliveries refused for their signature: the first is warned of at once, naming the setting to check; those
 * in the next 15 minutes are counted and warned of together after them, so that anyone posting deliveries can't flood
 * the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusedDeliveriesTest {

	private static final String WARNING = "GitHub webhook deliveries refused";

	private final SettableClock clock = new SettableClock();

	private final RefusedDeliveries refused = new RefusedDeliveries(clock);

	@Test
	void theFirstRefusalIsWarnedOfAtOnceNamingTheSetting(CapturedOutput output) {
		String started = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();

		refused.refused(false);

		assertThat(LogLines.containing(output, WARNING)).singleElement().satisfies((line) -> {
			assertThat(LogLines.levelOf(line)).isEqualTo("WARN");
			assertThat(line).contains("GitHub webhook deliveries refused since " + started
					+ ": 1 without an X-Hub-Signature-256 header, 0 signed with another secret than "
					+ "console.providers.github.app.webhook-secret");
		});
	}

	@Test
	void laterRefusalsAreWarnedOfTogetherOnce15MinutesHavePassedSinceTheLastWarning(CapturedOutput output) {
		clock.advance(Duration.ofMinutes(14));
		String firstWarned = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
		refused.refused(false);

		refused.refused(true);
		clock.advance(Duration.ofMinutes(2));
		refused.refused(false);
		clock.advance(Duration.ofMinutes(12));
		refused.refused(true);
		assertThat(LogLines.containing(output, WARNING)).as("14 minutes after the first warning").hasSize(1);

		clock.advance(Duration.ofMinutes(1));
		refused.refused(true);

		assertThat(LogLines.containing(output, WARNING)).hasSize(2).last().satisfies((line) -> {
			assertThat(LogLines.levelOf(line)).isEqualTo("WARN");
			assertThat(line).contains("refused since " + firstWarned
					+ ": 1 without an X-Hub-Signature-256 header, 3 signed with another secret");
		});
	}

}
