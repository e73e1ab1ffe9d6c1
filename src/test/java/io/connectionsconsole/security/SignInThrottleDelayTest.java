package io.connectionsconsole.security;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.audit.AuditLog;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.SettableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** How long the sign-in throttle refuses, as time goes by; its state is the database's, shared by every instance. */
@ConsoleTest
class SignInThrottleDelayTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	AuditLog audit;

	final SettableClock clock = new SettableClock();

	SignInThrottle throttle;

	String username;

	String address;

	@BeforeEach
	void setUp() {
		throttle = new SignInThrottle(jdbc, accounts, audit, clock);
		username = "someone-" + UUID.randomUUID();
		address = "192.0.2." + (int) (Math.random() * 250 + 1) + "-" + UUID.randomUUID();
	}

	private Duration failFiveTimes(SignInThrottle on) {
		for (int i = 0; i < 4; i++) {
			assertThat(on.failed(username, address)).isEmpty();
		}
		return on.failed(username, address).orElseThrow();
	}

	@Test
	void theRefusalGrowsAsFailuresGoOnAndEndsWhenItsTimeIsUp() {
		Duration first = failFiveTimes(throttle);
		assertThat(first).isEqualTo(Duration.ofMinutes(15));
		clock.advance(Duration.ofMinutes(14));
		assertThat(throttle.refusal(username, address)).hasValue(Duration.ofMinutes(1));
		clock.advance(Duration.ofMinutes(1));
		assertThat(throttle.refusal(username, address)).isEmpty();

		Duration second = failFiveTimes(throttle);
		clock.advance(second);
		assertThat(throttle.refusal(username, address)).isEmpty();
		Duration third = failFiveTimes(throttle);

		assertThat(second).isEqualTo(Duration.ofMinutes(45));
		assertThat(third).isEqualTo(Duration.ofHours(5));
	}

	@Test
	void aRefusedSignInDoesNotMakeTheRefusalLonger() {
		Duration first = failFiveTimes(throttle);
		clock.advance(Duration.ofMinutes(5));

		throttle.refused(username, address, throttle.refusal(username, address).orElseThrow());

		assertThat(throttle.refusal(username, address)).hasValue(first.minusMinutes(5));
	}

	@Test
	void twoConsoleInstancesOnOneDatabaseCountTogether() {
		SignInThrottle other = new SignInThrottle(jdbc, accounts, audit, clock);
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.failed(username, address)).isEmpty();
		}
		assertThat(other.failed(username, address)).isEmpty();

		Optional<Duration> fifth = other.failed(username, address);

		assertThat(fifth).isPresent();
		assertThat(throttle.refusal(username, "another address")).isEqualTo(fifth);
	}

	@Test
	void refilledBucketsAreForgotten() {
		failFiveTimes(throttle);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_throttle").query(Long.class).single()).isPositive();
		clock.advance(Duration.ofHours(7));

		throttle.forgetRefilled();

		// seven hours on, every bucket on the database has refilled, this test's and any other's
		assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_throttle").query(Long.class).single()).isZero();
	}

}
