package io.connectionsconsole.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.NotFoundException;
import io.connectionsconsole.error.NotPermittedException;
import io.connectionsconsole.error.QuotaExceededException;

/**
 * Turns every refusal of the API, and every failure, into an AWS JSON error: {@code {"__type", "Message"}} with the
 * {@code x-amzn-ErrorType} header, under the names of App Runner's model so the SDKs raise their typed exceptions.
 */
@RestControllerAdvice(assignableTypes = ApiController.class)
class ApiExceptionHandler {

	/**
	 * The error answered, kept for the container's error dispatch: when a client goes silent mid-body, Tomcat has
	 * taken the answer over (a 408 of its own) before this handler writes, and the dispatch answers this instead.
	 */
	static final String ANSWER_ATTRIBUTE = ApiExceptionHandler.class.getName() + ".answer";

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ApiOperations operations;

	ApiExceptionHandler(ApiOperations operations) {
		this.operations = operations;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<byte[]> refused(ApiException ex, HttpServletRequest request, HttpServletResponse response) {
		log.debug("Refused API request {}: {} {}", AwsJson.requestId(request), ex.code(), ex.getMessage());
		if (ex.status() == HttpStatus.PAYLOAD_TOO_LARGE || ex.status() == HttpStatus.REQUEST_TIMEOUT
				|| ex.status() == HttpStatus.SERVICE_UNAVAILABLE) {
			// the rest of the body is not waited for: the connection ends with the answer
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		return answer(request, ex.status(), ex.code(), ex.getMessage());
	}

	/** The service's messages are written for people; the API's also name the member they are about. */
	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<byte[]> invalid(InvalidInputException ex, HttpServletRequest request) {
		String message = ex.getMessage().startsWith(ex.field()) ? ex.getMessage()
				: ex.field() + ": " + ex.getMessage();
		return answer(request, HttpStatus.BAD_REQUEST, "InvalidRequestException", message);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<byte[]> notFound(NotFoundException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "ResourceNotFoundException", ex.getMessage());
	}

	@ExceptionHandler(QuotaExceededException.class)
	ResponseEntity<byte[]> quota(QuotaExceededException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "ServiceQuotaExceededException", ex.getMessage());
	}

	/** A read-only user's write: signed by a known key, so authenticated, but not allowed. */
	@ExceptionHandler(NotPermittedException.class)
	ResponseEntity<byte[]> accessDenied(NotPermittedException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.FORBIDDEN, "AccessDeniedException", ex.getMessage());
	}

	/**
	 * A header whose value holds a character no header may (a control character, such as a C1 byte of mistyped
	 * UTF-8), which Spring Security's firewall refuses as the signature check reads it. Its message quotes the value,
	 * which may be a credential: it is neither answered nor logged.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<byte[]> rejected(RequestRejectedException ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "IncompleteSignatureException",
				"A header of the request holds a character no header may (a control character): send its value in "
						+ "printable ASCII.");
	}

	/** Anything unexpected: each operation is one transaction, so it has rolled back and nothing is half-written. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> failed(Exception ex, HttpServletRequest request) {
		String requestId = AwsJson.requestId(request);
		log.error("API request {} failed", requestId, ex);
		return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "InternalServiceErrorException",
				"An internal error occurred. Request ID: " + requestId + ".");
	}

	private ResponseEntity<byte[]> answer(HttpServletRequest request, HttpStatus status, String code, String message) {
		operations.answered(request, code);
		ResponseEntity<byte[]> answer = AwsJson.error(request, status, code, message);
		request.setAttribute(ANSWER_ATTRIBUTE, answer);
		return answer;
	}

}
