package io.connectionsconsole.web;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeFormatTest {

	@Test
	void aMomentReadsAsTheGeneralFormatterWritesIt() {
		assertThat(TimeFormat.utc(Instant.parse("2026-01-31T09:05:59.999Z"))).isEqualTo("2026-01-31 09:05 UTC");
		assertThat(TimeFormat.utc(Instant.parse("0042-12-01T23:00:00Z"))).isEqualTo("0042-12-01 23:00 UTC");
		Random random = new Random(7);
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_799L),
					random.nextInt(1_000_000_000));
			assertThat(TimeFormat.utc(instant)).as(instant.toString()).isEqualTo(TimeFormat.UTC.format(instant));
		}
	}

	@Test
	void noMomentIsBlank() {
		assertThat(TimeFormat.utc(null)).isEmpty();
	}

}
