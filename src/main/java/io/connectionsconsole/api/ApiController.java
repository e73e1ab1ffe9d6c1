package io.connectionsconsole.api;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.connectionsconsole.error.Printable;
import io.connectionsconsole.monitoring.RequestLog;
import io.connectionsconsole.security.RequestBodyReader;
import io.connectionsconsole.web.PageAdmission;

/**
 * The App Runner-compatible API: AWS JSON 1.0 on {@code POST /} with an {@code X-Amz-Target} header. Every request is
 * authenticated by its signature first; only then is its operation read and run. Once its body is read, a call waits
 * its turn with the pages ({@link PageAdmission}).
 */
@RestController
class ApiController {

	private final SigV4Verifier verifier;

	private final ApiOperations operations;

	private final RequestBodyReader bodies;

	private final PageAdmission admission;

	ApiController(SigV4Verifier verifier, ApiOperations operations, RequestBodyReader bodies, PageAdmission admission) {
		this.verifier = verifier;
		this.operations = operations;
		this.bodies = bodies;
		this.admission = admission;
	}

	@PostMapping(path = "/", headers = "X-Amz-Target")
	ResponseEntity<byte[]> invoke(@RequestHeader("X-Amz-Target") String target, HttpServletRequest request)
			throws IOException {
		RequestLog.action(operations.name(target));
		if (request.getQueryString() != null) {
			throw ApiException.invalidRequest("An AWS JSON request carries its input in the body, not in a query string.");
		}
		// The body exactly as it arrived, since its hash is part of what the signature covers; within the console's
		// body limits (far above the largest valid input, a TagResource with 50 tags of the longest keys and values),
		// so that no client holds a request thread with a slow or endless body.
		byte[] body;
		try {
			body = bodies.read(request);
		}
		catch (ResponseStatusException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.PAYLOAD_TOO_LARGE)) {
				throw ApiException.requestTooLarge(ex.getReason());
			}
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.SERVICE_UNAVAILABLE)) {
				throw ApiException.serviceUnavailable(ex.getReason());
			}
			throw ex.getStatusCode().isSameCodeAs(HttpStatus.REQUEST_TIMEOUT) ? ApiException.requestTimeout(ex.getReason())
					: ApiException.invalidRequest(ex.getReason());
		}
		ResponseEntity<byte[]> answer = admission.inTurn(() -> {
			ApiCaller caller = verifier.verify(request, body);
			RequestLog.identify(caller.caller().username(), caller.caller().accountId().value());
			RequestLog.region(caller.region().code());
			return AwsJson.ok(request, operations.invoke(target, caller, body));
		});
		operations.answered(request, null);
		return answer;
	}

	/**
	 * The container's error dispatch of an API request, which Spring Boot's error controller would answer in its own
	 * JSON: the AWS JSON error the API answered, or one for the status the container chose.
	 */
	@RequestMapping(path = "${server.error.path:/error}", headers = "X-Amz-Target")
	ResponseEntity<?> errorDispatch(HttpServletRequest request) {
		if (request.getAttribute(ApiExceptionHandler.ANSWER_ATTRIBUTE) instanceof ResponseEntity<?> answer) {
			return answer;
		}
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
				&& !uri.equals(request.getContextPath() + "/")) {
			// an SDK or CLI given an endpoint with a path signs and sends there; the console's page chain refused it
			return AwsJson.error(request, HttpStatus.NOT_FOUND, "UnknownOperationException", "The API answers POST "
					+ "requests at the console's root, not at " + Printable.excerpt(uri, 100) + ": give the console's "
					+ "address as the endpoint URL without a path.");
		}
		HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
				? HttpStatus.valueOf(code) : HttpStatus.NOT_FOUND; // asked for directly: no error to show
		return AwsJson.error(request, status,
				status.is4xxClientError() ? "InvalidRequestException" : "InternalServiceErrorException",
				status.getReasonPhrase() + ".");
	}

}
