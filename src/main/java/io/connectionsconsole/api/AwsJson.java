package io.connectionsconsole.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.connectionsconsole.monitoring.RequestLog;

/**
 * The AWS JSON 1.0 protocol: bodies with App Runner's PascalCase member names and no null members, request ids,
 * error bodies and headers as the AWS SDKs read them. Input of the wrong type is refused, never coerced: a
 * {@code "MaxResults": "10"} is as wrong here as it is at AWS.
 */
final class AwsJson {

	static final MediaType CONTENT_TYPE = MediaType.parseMediaType("application/x-amz-json-1.0");

	static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

	static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

	/** What the parser says of its own settings and where an object began: nothing a client can act on. */
	private static final Pattern PARSER_DETAIL = Pattern
		.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]");

	private static final byte[] EMPTY_STRUCTURE = "{}".getBytes(StandardCharsets.US_ASCII);

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.changeDefaultNullHandling((nulls) -> nulls.withContentNulls(Nulls.FAIL))
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		// a member given twice is refused rather than read as its last value: which one the client meant is unknown
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.withCoercionConfig(LogicalType.Textual, (textual) -> textual.setCoercion(CoercionInputShape.Integer,
				CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.build();

	private AwsJson() {
	}

	/**
	 * Reads an operation's input; an empty body is an empty structure, as the SDKs send for no members. Any other
	 * JSON value than an object is refused before binding: {@code null} would bind to no input at all.
	 */
	static <T> T read(byte[] body, Class<T> type) {
		try (JsonParser parser = MAPPER.createParser(body.length == 0 ? EMPTY_STRUCTURE : body)) {
			JsonToken first = parser.nextToken();
			if (first != JsonToken.START_OBJECT) {
				throw ApiException.invalidRequest("The request body must be a JSON object; it is " + kind(first) + ".");
			}
			return MAPPER.readValue(parser, type);
		}
		catch (JacksonException ex) {
			throw ApiException.invalidRequest(describe(ex));
		}
	}

	private static String kind(JsonToken token) {
		if (token == null) {
			return "empty";
		}
		return switch (token) {
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> "not an object";
		};
	}

	static ResponseEntity<byte[]> ok(HttpServletRequest request, Object output) {
		return ResponseEntity.ok()
			.contentType(CONTENT_TYPE)
			.header(REQUEST_ID_HEADER, requestId(request))
			.body(MAPPER.writeValueAsBytes(output));
	}

	/** An AWS JSON error; its code ends the request's log line, which its status alone can't tell from others. */
	static ResponseEntity<byte[]> error(HttpServletRequest request, HttpStatus status, String code, String message) {
		RequestLog.reason(code);
		return ResponseEntity.status(status)
			.contentType(CONTENT_TYPE)
			.header(REQUEST_ID_HEADER, requestId(request))
			.header(ERROR_TYPE_HEADER, code)
			.body(MAPPER.writeValueAsBytes(new ErrorBody(code, message)));
	}

	/** One id per request, on its answer whether it succeeds or fails, and on its log lines ({@link RequestLog}). */
	static String requestId(HttpServletRequest request) {
		Object id = request.getAttribute(RequestLog.REQUEST_ID_ATTRIBUTE);
		if (id == null) {
			id = UUID.randomUUID().toString();
			request.setAttribute(RequestLog.REQUEST_ID_ATTRIBUTE, id);
		}
		return id.toString();
	}

	private static String describe(JacksonException ex) {
		String path = path(ex.getPath());
		if (ex instanceof MismatchedInputException mismatch) {
			if (path.isEmpty()) {
				return "The request body must be one JSON object.";
			}
			return ex instanceof InvalidNullException ? path + " must not be null."
					: path + " must be " + expected(mismatch.getTargetType()) + ".";
		}
		String problem = PARSER_DETAIL.matcher(ex.getOriginalMessage()).replaceAll("");
		TokenStreamLocation at = ex.getLocation();
		return "The request body is not valid JSON: " + problem + ((at != null && at.getLineNr() > 0)
				? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")." : ".");
	}

	/** Where in the input the problem is, in the member names of the model: {@code Tags[2].Key}. */
	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Integer.class || type == int.class || type == BigInteger.class) {
			return "an integer";
		}
		if (Collection.class.isAssignableFrom(type)) {
			return "a list";
		}
		return "a structure";
	}

	/** AWS JSON's error shape: the error code in {@code __type}, the text in {@code Message}. */
	private record ErrorBody(@JsonProperty("__type") String type, @JsonProperty("Message") String message) {
	}

}
