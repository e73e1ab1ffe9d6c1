package io.connectionsconsole.provider;

import java.time.Duration;

/** A user opened pages that call a provider more often than {@link ProviderPageBudget} allows. */
class TooManyProviderPagesException extends RuntimeException {

	private final Duration retryAfter;

	TooManyProviderPagesException(Duration retryAfter) {
		super("Too many pages that call a provider; next one in " + retryAfter);
		this.retryAfter = retryAfter;
	}

	/** Whole seconds until the next page is allowed, at least one. */
	long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

}
