package io.connectionsconsole.config;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/** The console's clock as Bucket4j reads time, so that every instance, and a test, counts in the same time. */
public record ClockTimeMeter(Clock clock) implements TimeMeter {

	@Override
	public long currentTimeNanos() {
		Instant now = clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

}
