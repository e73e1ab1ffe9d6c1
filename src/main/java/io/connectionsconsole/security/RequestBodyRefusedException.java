package io.connectionsconsole.security;

import java.time.Duration;

/** A request body refused before it was read whole: larger than the limit, or sent too slowly. */
public final class RequestBodyRefusedException extends RuntimeException {

	private final boolean tooLarge;

	private RequestBodyRefusedException(boolean tooLarge, String message) {
		super(message, null, false, false);
		this.tooLarge = tooLarge;
	}

	static RequestBodyRefusedException tooLarge(int maxBytes) {
		return new RequestBodyRefusedException(true, "The request body is larger than " + maxBytes + " bytes.");
	}

	static RequestBodyRefusedException tooSlow(long timeoutNanos) {
		return new RequestBodyRefusedException(false, "The request body did not arrive within "
				+ Duration.ofNanos(timeoutNanos).toSeconds() + " seconds.");
	}

	/** Larger than the limit (HTTP 413); otherwise too slow (HTTP 408). */
	public boolean tooLarge() {
		return tooLarge;
	}

}
