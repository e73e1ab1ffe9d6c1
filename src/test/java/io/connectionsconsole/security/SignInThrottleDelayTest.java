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

	/** A sign-in with a wrong password: let through to its password check, then failed. */
	private Optional<Duration> fail(SignInThrottle on, String from) {
		SignInThrottle.Admission admission = on.admit(username, from, Optional.empty());
		assertThat(admission).isInstanceOf(SignInThrottle.Admission.Admitted.class);
		return on.failed(((SignInThrottle.Admission.Admitted) admission).attempt());
	}

	private Duration failFiveTimes(SignInThrottle on) {
		for (int i = 0; i < 4; i++) {
			assertThat(fail(on, address)).isEmpty();
		}
		return fail(on, address).orElseThrow();
	}

	/** How long a sign-in now is refused; empty when it is let through (and counted). */
	private Optional<Duration> refusal(SignInThrottle on, String from) {
		return on.admit(username, from, Optional.empty()) instanceof SignInThrottle.Admission.Refused refused
				? Optional.of(refused.retryAfter()) : Optional.empty();
	}

	@Test
	void theRefusalGrowsAsFailuresGoOnAndEndsWhenItsTimeIsUp() {
		Duration first = failFiveTimes(throttle);
		assertThat(first).isEqualTo(Duration.ofMinutes(15));
		clock.advance(Duration.ofMinutes(14));
		assertThat(refusal(throttle, address)).hasValue(Duration.ofMinutes(1));
		clock.advance(Duration.ofMinutes(1));

		Duration second = failFiveTimes(throttle);
		clock.advance(second);
		Duration third = failFiveTimes(throttle);

		assertThat(second).isEqualTo(Duration.ofMinutes(45));
		assertThat(third).isEqualTo(Duration.ofHours(5));
	}

	@Test
	void anAnonymousRefusalIsNotedAgainOnlyAWhole15MinutesAfterTheLastNote() {
		String kind = "identity-provider\n" + UUID.randomUUID();
		assertThat(throttle.firstAnonymousRefusal(kind)).isTrue();
		clock.advance(Duration.ofMinutes(16));
		assertThat(throttle.firstAnonymousRefusal(kind)).isTrue();

		clock.advance(Duration.ofMinutes(14));
		assertThat(throttle.firstAnonymousRefusal(kind)).as("14 minutes after the last note").isFalse();
		clock.advance(Duration.ofMinutes(1));
		assertThat(throttle.firstAnonymousRefusal(kind)).isTrue();
	}

	@Test
	void aRefusedSignInDoesNotMakeTheRefusalLonger() {
		Duration first = failFiveTimes(throttle);
		clock.advance(Duration.ofMinutes(5));

		throttle.refused(username, address, (SignInThrottle.Admission.Refused) throttle.admit(username, address,
				Optional.empty()));

		assertThat(refusal(throttle, address)).hasValue(first.minusMinutes(5));
	}

	@Test
	void twoConsoleInstancesOnOneDatabaseCountTogether() {
		SignInThrottle other = new SignInThrottle(jdbc, accounts, audit, clock);
		for (int i = 0; i < 3; i++) {
			assertThat(fail(throttle, address)).isEmpty();
		}
		assertThat(fail(other, address)).isEmpty();

		Optional<Duration> fifth = fail(other, address);

		assertThat(fifth).isPresent();
		assertThat(refusal(throttle, "another address")).isEqualTo(fifth);
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
