package io.connectionsconsole.api;

import jakarta.servlet.http.HttpServletRequest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts the API's answers as {@code console.api.calls}, by operation and error code ({@code none} for a success).
 * An operation this console doesn't serve is counted as {@code unknown}, so that no client can add tag values.
 */
@Component
class ApiMetrics {

	static final String NO_ERROR = "none";

	private final MeterRegistry meters;

	private final ApiOperations operations;

	ApiMetrics(MeterRegistry meters, ApiOperations operations) {
		this.meters = meters;
		this.operations = operations;
	}

	/** {@code errorCode} is the AWS error code of the answer, null for a success. */
	void answered(HttpServletRequest request, String errorCode) {
		meters.counter("console.api.calls", "operation", operations.name(request.getHeader("X-Amz-Target")), "error",
				(errorCode != null) ? errorCode : NO_ERROR).increment();
	}

}
