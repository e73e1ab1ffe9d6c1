package io.connectionsconsole.provider;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A call to a provider that didn't give what was asked, sorted by what it means for the user. The message is
 * for the log: it names the provider's error code and HTTP status, never a token.
 */
public class ProviderCallException extends RuntimeException {

	public enum Kind {

		/** HTTP 401 from the API: the token is not (or no longer) valid. */
		TOKEN_REJECTED,
		/** HTTP 429, or 403 with rate-limit headers. */
		RATE_LIMITED,
		/** No connection, or no answer within the read time-out. */
		UNREACHABLE,
		/** HTTP 5xx. */
		SERVER_ERROR,
		/** An OAuth2 error answer of the token endpoint: {@link #providerError()} has its code. */
		OAUTH_ERROR,
		/** An answer larger than the console reads ({@link ProviderHttp#MAX_ANSWER}). */
		TOO_LARGE,
		/** Anything else: an unexpected status, a body that isn't the JSON expected. */
		UNEXPECTED_ANSWER

	}

	private final Kind kind;

	private final String providerError;

	/** The HTTP status of the provider's answer; 0 when there was none. */
	private final int status;

	/** When a rate-limited caller may ask again, as the provider said; null when it said nothing. */
	private final Wait wait;

	private ProviderCallException(Kind kind, String providerError, int status, Wait wait, String message,
			Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.providerError = providerError;
		this.status = status;
		this.wait = wait;
	}

	static ProviderCallException oauthError(String code, String description, Throwable cause) {
		return new ProviderCallException(Kind.OAUTH_ERROR, code, 0, null,
				"The provider answered with OAuth2 error '" + code + "'" + (description == null ? "" : ": " + description),
				cause);
	}

	/**
	 * An answer that is not a success. A 429, or a 403 with the provider's rate-limit headers (GitHub's
	 * {@code X-RateLimit-Remaining: 0}, or {@code Retry-After}), is a rate limit, with the wait the headers name.
	 */
	static ProviderCallException status(HttpStatusCode status, HttpHeaders headers, Throwable cause) {
		return status(status, headers, false, cause);
	}

	/**
	 * As {@link #status(HttpStatusCode, HttpHeaders, Throwable)}; {@code saysRateLimited}: the answer's message says it
	 * is a rate limit ({@link #saysRateLimited}), as GitHub's secondary rate limits may say in a 403 with neither header.
	 */
	static ProviderCallException status(HttpStatusCode status, HttpHeaders headers, boolean saysRateLimited,
			Throwable cause) {
		boolean rateLimited = status.value() == 429 || status.value() == 403 && (saysRateLimited
				|| headers.containsHeader(HttpHeaders.RETRY_AFTER) || "0".equals(headers.getFirst("X-RateLimit-Remaining")));
		Kind kind = status.value() == 401 ? Kind.TOKEN_REJECTED
				: rateLimited ? Kind.RATE_LIMITED
				: status.is5xxServerError() ? Kind.SERVER_ERROR : Kind.UNEXPECTED_ANSWER;
		return new ProviderCallException(kind, null, status.value(), rateLimited ? Wait.of(headers) : null,
				"The provider answered HTTP " + status.value(), cause);
	}

	/** Whether an answer's body (its start is enough) says it is a rate limit: GitHub's messages name it so. */
	static boolean saysRateLimited(String body) {
		return body != null && body.toLowerCase(Locale.ROOT).contains("rate limit");
	}

	/** A host's server whose name resolves to an address the console doesn't send tokens to (any more). */
	static ProviderCallException refusedAddress(String reason) {
		return new ProviderCallException(Kind.UNREACHABLE, null, 0, null, reason, null);
	}

	static ProviderCallException unexpected(String what, Throwable cause) {
		return new ProviderCallException(Kind.UNEXPECTED_ANSWER, null, 0, null, what, cause);
	}

	/** Sorts a failed call by its cause: an I/O failure, or an HTTP status the client turned into an exception. */
	static ProviderCallException of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// Whoever wrapped it (the HTTP client, Jackson, Spring Security), a refused answer is what happened.
			if (cause instanceof ProviderHttp.AnswerTooLargeException) {
				return new ProviderCallException(Kind.TOO_LARGE, null, 0, null, cause.getMessage(), failure);
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ProviderCallException known) {
				return known;
			}
			if (cause instanceof RestClientResponseException response) {
				return status(response.getStatusCode(),
						response.getResponseHeaders() == null ? HttpHeaders.EMPTY : response.getResponseHeaders(),
						saysRateLimited(response.getResponseBodyAsString()), failure);
			}
			if (cause instanceof ResourceAccessException) {
				// The innermost cause names what happened: refused, reset, timed out.
				Throwable root = NestedExceptionUtils.getMostSpecificCause(cause);
				return new ProviderCallException(Kind.UNREACHABLE, null, 0, null,
						"The provider could not be reached or did not answer in time (" + root.getClass().getSimpleName()
								+ (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")", failure);
			}
		}
		// Parser messages can quote the body, which may hold a token: name the failure by its type only.
		return unexpected("The provider's answer could not be read (" + failure.getClass().getSimpleName() + ")",
				failure);
	}

	public Kind kind() {
		return kind;
	}

	public String providerError() {
		return providerError;
	}

	/** When the provider said a rate-limited caller may ask again; null when it didn't say. */
	Wait waitNamed() {
		return wait;
	}

	/** HTTP 403 (a rate limit is one too: see {@link #kind()}). */
	boolean forbidden() {
		return status == 403;
	}

	/** HTTP 404: what was asked for is not there, or the token may not see it. */
	boolean notFound() {
		return status == 404;
	}

	/**
	 * What a rate-limit answer said about waiting: {@code until} a time ({@code X-RateLimit-Reset} in epoch seconds,
	 * or a {@code Retry-After} date), or for a number of seconds ({@code Retry-After}); both null when it said nothing
	 * readable.
	 */
	record Wait(Instant until, Duration after) {

		private static final long LONGEST_WAIT = Duration.ofDays(1).toSeconds();

		static Wait of(HttpHeaders headers) {
			String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
			if (retryAfter != null) {
				try {
					// a day at the most: a provider's number of seconds must not overflow the time it is added to
					return new Wait(null, Duration.ofSeconds(Math.min(Long.parseLong(retryAfter.trim()), LONGEST_WAIT)));
				}
				catch (NumberFormatException ex) {
					try {
						return new Wait(ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
							.toInstant(), null);
					}
					catch (DateTimeParseException notADate) {
						return new Wait(null, null);
					}
				}
			}
			String reset = headers.getFirst("X-RateLimit-Reset");
			try {
				return new Wait(reset == null ? null : Instant.ofEpochSecond(Long.parseLong(reset.trim())), null);
			}
			catch (NumberFormatException | DateTimeException ex) {
				return new Wait(null, null);
			}
		}

	}

}
