package io.connectionsconsole.handshake;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import io.connectionsconsole.provider.Providers;

/**
 * How handshakes go, as Micrometer counters: {@code console.handshakes.started}, {@code .completed} and {@code .failed}
 * (by outcome), each by provider; a host's server counts as {@code host}, whichever host, so that the series are few
 * and line up with one another.
 */
@Component
class HandshakeMeters {

	private final MeterRegistry meters;

	HandshakeMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	void started(String registrationId) {
		meters.counter("console.handshakes.started", "provider", provider(registrationId)).increment();
	}

	/** How a handshake ended: completed, or failed with its outcome; waiting for an installation's choice is neither. */
	void finished(String registrationId, HandshakeOutcome outcome) {
		if (outcome == HandshakeOutcome.COMPLETED) {
			meters.counter("console.handshakes.completed", "provider", provider(registrationId)).increment();
		}
		else if (outcome != HandshakeOutcome.CHOOSE_INSTALLATION) {
			meters.counter("console.handshakes.failed", "provider", provider(registrationId), "outcome", outcome.name())
				.increment();
		}
	}

	private static String provider(String registrationId) {
		return Providers.isHostRegistration(registrationId) ? Providers.HOST_CALLBACK : registrationId;
	}

}
