package io.connectionsconsole.provider;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic check's lock after a restart with a shorter interval: held past that interval from its run's start, it
 * ends then, so that the next run doesn't wait for the longer interval; held within it, it is left alone. Each test
 * has a lock name of its own, apart from the check's own lock, which the running console may take meanwhile.
 */
abstract class PeriodicCheckLockContract {

	@Autowired
	PeriodicCheck periodicCheck;

	@Autowired
	JdbcClient jdbc;

	private final LocalDateTime lockedAt = LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS).minusMinutes(5);

	private String lock(Duration heldFor) {
		String name = "periodic-check-" + UUID.randomUUID();
		jdbc.sql("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES (:name, :until, :at, 'another')")
			.param("name", name)
			.param("until", Timestamp.valueOf(lockedAt.plus(heldFor)))
			.param("at", Timestamp.valueOf(lockedAt))
			.update();
		return name;
	}

	private LocalDateTime lockUntil(String name) {
		return jdbc.sql("SELECT lock_until FROM shedlock WHERE name = :name")
			.param("name", name)
			.query((rs, n) -> rs.getTimestamp("lock_until").toLocalDateTime())
			.single();
	}

	@Test
	void aLockTakenForALongerIntervalEndsThisIntervalAfterItsRunStarted() {
		String name = lock(Duration.ofHours(1));

		assertThat(periodicCheck.endLockWithinInterval(name, Duration.ofMinutes(10))).isTrue();

		assertThat(lockUntil(name)).isEqualTo(lockedAt.plusMinutes(10));
	}

	@Test
	void aLockWithinTheIntervalAndNoLockAtAllAreLeftAlone() {
		String name = lock(Duration.ofMinutes(10));

		assertThat(periodicCheck.endLockWithinInterval(name, Duration.ofHours(1))).isFalse();
		assertThat(periodicCheck.endLockWithinInterval("never-taken-" + UUID.randomUUID(), Duration.ofHours(1)))
			.isFalse();

		assertThat(lockUntil(name)).isEqualTo(lockedAt.plusMinutes(10));
	}

}
