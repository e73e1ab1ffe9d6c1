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
	void aMachineReadableMomentReadsAsInstantWritesIt() {
		assertThat(TimeFormat.iso(Instant.parse("2026-01-31T09:05:59Z"))).isEqualTo("2026-01-31T09:05:59Z");
		assertThat(TimeFormat.iso(Instant.parse("2026-01-31T09:05:59.120Z"))).isEqualTo("2026-01-31T09:05:59.120Z");
		assertThat(TimeFormat.iso(Instant.parse("2026-01-31T09:05:59.000120Z"))).isEqualTo("2026-01-31T09:05:59.000120Z");
		assertThat(TimeFormat.iso(Instant.parse("2026-01-31T09:05:59.000000001Z")))
			.isEqualTo("2026-01-31T09:05:59.000000001Z");
		assertThat(TimeFormat.iso(Instant.parse("+12026-01-31T09:05:59Z"))).isEqualTo("+12026-01-31T09:05:59Z");
		Random random = new Random(11);
		for (int i = 0; i < 10_000; i++) {
			int nano = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1_000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_799L), nano);
			assertThat(TimeFormat.iso(instant)).isEqualTo(instant.toString());
		}
	}

	@Test
	void noMomentIsBlank() {
		assertThat(TimeFormat.utc(null)).isEmpty();
		assertThat(TimeFormat.iso(null)).isEmpty();
	}

}
