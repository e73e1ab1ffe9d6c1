package io.connectionsconsole.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.connectionsconsole.account.AccessKeyService;
import io.connectionsconsole.account.ApiCredentials;
import io.connectionsconsole.region.Region;
import io.connectionsconsole.region.RegionCatalogue;

/**
 * Authenticates an API request by its AWS Signature Version 4, as AWS does, before anything else happens: the
 * credential scope names the service {@value #SERVICE} and one of the console's Regions (the Region the request acts
 * in), the request time is within {@link #MAX_CLOCK_SKEW} of the server's clock, the key exists, and the signature
 * over the method, path, signed headers and body hash matches. Each refusal carries the error code the SDKs know.
 */
@Component
class SigV4Verifier {

	static final String SERVICE = "apprunner";

	static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

	/** Where the request goes, when it was made and what it asks for: a signature that leaves any out can be replayed. */
	private static final List<String> REQUIRED_SIGNED_HEADERS = List.of("host", "x-amz-date", "x-amz-target");

	private final AccessKeyService accessKeys;

	private final RegionCatalogue regions;

	private final Clock clock;

	SigV4Verifier(AccessKeyService accessKeys, RegionCatalogue regions, Clock clock) {
		this.accessKeys = accessKeys;
		this.regions = regions;
		this.clock = clock;
	}

	ApiCaller verify(HttpServletRequest request, byte[] body) {
		SigV4Authorization authorization = SigV4Authorization.parse(request.getHeader("Authorization"));
		Instant signedAt = signedAt(request.getHeader("X-Amz-Date"), authorization);
		Region region = scopedRegion(authorization);
		Map<String, List<String>> signedHeaderValues = signedHeaderValues(request, authorization);
		requireCurrent(signedAt);
		if (request.getHeader("X-Amz-Security-Token") != null) {
			// This console issues long-term keys only: a session token is never one of ours.
			throw ApiException.sessionToken();
		}
		ApiCredentials credentials = accessKeys.resolve(authorization.accessKeyId())
			.orElseThrow(ApiException::unrecognizedClient);
		String expected = SignatureCalculator.signature(new SignatureCalculator.SignedParts(request.getMethod(),
				request.getScheme(), request.getServerName(), request.getServerPort(), request.getRequestURI(),
				authorization, signedHeaderValues, body, signedAt), credentials.secret());
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
			throw ApiException.signatureMismatch();
		}
		accessKeys.recordUse(authorization.accessKeyId());
		return new ApiCaller(credentials.caller(), region);
	}

	private static Instant signedAt(String amzDate, SigV4Authorization authorization) {
		if (amzDate == null) {
			throw ApiException.incompleteSignature("Authorization header requires existence of a 'X-Amz-Date' header.");
		}
		Instant signedAt;
		try {
			signedAt = SignatureCalculator.AMZ_DATE.parse(amzDate, Instant::from);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.incompleteSignature("X-Amz-Date must be a time such as 20260101T120000Z; '"
					+ ApiException.abbreviate(amzDate) + "' is not.");
		}
		if (!amzDate.startsWith(authorization.date() + "T")) {
			throw ApiException.invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 "
					+ "version of date from HTTP: '" + ApiException.abbreviate(authorization.date()) + "' != '"
					+ amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
		}
		return signedAt;
	}

	private Region scopedRegion(SigV4Authorization authorization) {
		if (!SERVICE.equals(authorization.service())) {
			throw ApiException.invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'.");
		}
		if (!"aws4_request".equals(authorization.terminator())) {
			throw ApiException.invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request', "
					+ "not '" + ApiException.abbreviate(authorization.terminator()) + "'.");
		}
		if (!regions.contains(authorization.region())) {
			throw ApiException.invalidSignature("Credential should be scoped to a valid region, not '"
					+ ApiException.abbreviate(authorization.region()) + "'. This console serves "
					+ regions.all().stream().map(Region::code).collect(Collectors.joining(", ")) + ".");
		}
		return regions.require(authorization.region());
	}

	private static Map<String, List<String>> signedHeaderValues(HttpServletRequest request,
			SigV4Authorization authorization) {
		List<String> unsigned = REQUIRED_SIGNED_HEADERS.stream()
			.filter((name) -> !authorization.signedHeaders().contains(name))
			.toList();
		if (!unsigned.isEmpty()) {
			throw ApiException.incompleteSignature("SignedHeaders must include " + String.join(", ", unsigned) + ".");
		}
		Map<String, List<String>> values = new LinkedHashMap<>();
		for (String name : authorization.signedHeaders()) {
			List<String> headerValues = Collections.list(request.getHeaders(name));
			if (headerValues.isEmpty()) {
				throw ApiException.invalidSignature("Header '" + ApiException.abbreviate(name)
						+ "' is signed but not in the request.");
			}
			values.put(name, headerValues);
		}
		return values;
	}

	private void requireCurrent(Instant signedAt) {
		Instant now = clock.instant();
		if (signedAt.isBefore(now.minus(MAX_CLOCK_SKEW))) {
			throw ApiException.invalidSignature("Signature expired: " + format(signedAt) + " is now earlier than "
					+ format(now.minus(MAX_CLOCK_SKEW)) + " (" + format(now) + " - 15 min.)");
		}
		if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
			throw ApiException.invalidSignature("Signature not yet current: " + format(signedAt)
					+ " is still later than " + format(now.plus(MAX_CLOCK_SKEW)) + " (" + format(now) + " + 15 min.)");
		}
	}

	private static String format(Instant instant) {
		return SignatureCalculator.AMZ_DATE.format(instant);
	}

}
