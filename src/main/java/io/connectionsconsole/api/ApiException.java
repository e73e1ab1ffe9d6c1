package io.connectionsconsole.api;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.connectionsconsole.error.Printable;

/**
 * A refusal in the AWS JSON protocol's own terms: the error code the AWS SDKs and CLI map to an exception, the HTTP
 * status AWS answers it with, and the message. Refusals are expected outcomes, so no stack trace is kept.
 */
class ApiException extends RuntimeException {

	/** AWS's words for credentials it does not know. */
	private static final String INVALID_TOKEN = "The security token included in the request is invalid";

	private final String code;

	private final HttpStatus status;

	private ApiException(String code, HttpStatus status, String message) {
		super(message, null, false, false);
		this.code = code;
		this.status = status;
	}

	String code() {
		return code;
	}

	HttpStatus status() {
		return status;
	}

	static ApiException missingAuthenticationToken() {
		return new ApiException("MissingAuthenticationTokenException", HttpStatus.FORBIDDEN,
				"Request is missing Authentication Token");
	}

	static ApiException incompleteSignature(String message) {
		return new ApiException("IncompleteSignatureException", HttpStatus.FORBIDDEN, message);
	}

	static ApiException invalidSignature(String message) {
		return new ApiException("InvalidSignatureException", HttpStatus.FORBIDDEN, message);
	}

	static ApiException signatureMismatch() {
		return invalidSignature("The request signature we calculated does not match the signature you provided. "
				+ "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
	}

	static ApiException unrecognizedClient() {
		return new ApiException("UnrecognizedClientException", HttpStatus.FORBIDDEN, INVALID_TOKEN + ".");
	}

	/** AWS's words for a session token it does not know, and what to do about it here. */
	static ApiException sessionToken() {
		return new ApiException("UnrecognizedClientException", HttpStatus.FORBIDDEN, INVALID_TOKEN
				+ ": this console's access keys take no session token (unset AWS_SESSION_TOKEN, or use a profile "
				+ "without one).");
	}

	static ApiException unknownOperation(String target, List<String> served) {
		return new ApiException("UnknownOperationException", HttpStatus.BAD_REQUEST,
				"Operation '" + abbreviate(target) + "' is not served here. This console serves "
						+ String.join(", ", served) + ".");
	}

	static ApiException invalidRequest(String message) {
		return new ApiException("InvalidRequestException", HttpStatus.BAD_REQUEST, message);
	}

	static ApiException requestTooLarge(String message) {
		return new ApiException("RequestEntityTooLargeException", HttpStatus.PAYLOAD_TOO_LARGE, message);
	}

	/** A 503, which the AWS SDKs and CLI retry by themselves. */
	static ApiException serviceUnavailable(String message) {
		return new ApiException("ServiceUnavailableException", HttpStatus.SERVICE_UNAVAILABLE, message);
	}

	static ApiException requestTimeout(String message) {
		return new ApiException("RequestTimeoutException", HttpStatus.REQUEST_TIMEOUT, message);
	}

	static String abbreviate(String value) {
		return Printable.excerpt(value, 100);
	}

}
