package io.connectionsconsole.api;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.BinaryUtils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import io.connectionsconsole.crypto.Sha256;

/**
 * Computes the signature a client must have sent with a request, given the secret of its key.
 * <p>
 * The AWS SDK's own signer ({@link AwsV4HttpSigner}) does it whenever it can reproduce the client's list of signed
 * headers. It cannot for the AWS CLI: the SDK signer always adds and signs {@code x-amz-content-sha256}, which the CLI
 * (botocore) and several other SDKs don't send to JSON services such as App Runner. For those requests the canonical
 * request is built here, by the same rules (a test holds the two paths to the same answer). Either way the payload
 * hash is computed from the body as received, so a changed body never verifies.
 */
final class SignatureCalculator {

	static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private SignatureCalculator() {
	}

	/** What a signature covers, taken from the request as it arrived: only the headers the client signed. */
	record SignedParts(String method, String scheme, String host, int port, String rawPath,
			SigV4Authorization authorization, Map<String, List<String>> signedHeaderValues, byte[] body,
			Instant signedAt) {
	}

	static String signature(SignedParts parts, String secret) {
		return sdkSignature(parts, secret).orElseGet(() -> canonicalSignature(parts, secret));
	}

	/** The SDK signer's signature; empty when it would sign other headers than the client did. */
	static Optional<String> sdkSignature(SignedParts parts, String secret) {
		SdkHttpRequest.Builder request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.fromValue(parts.method()))
			.protocol(parts.scheme())
			.host(parts.host())
			.port(parts.port())
			.encodedPath(parts.rawPath());
		parts.signedHeaderValues().forEach(request::putHeader);
		SigV4Authorization authorization = parts.authorization();
		SignedRequest signed = AwsV4HttpSigner.create()
			.sign((sign) -> sign.identity(AwsCredentialsIdentity.create(authorization.accessKeyId(), secret))
				.request(request.build())
				.payload(() -> new ByteArrayInputStream(parts.body()))
				.putProperty(AwsV4HttpSigner.REGION_NAME, authorization.region())
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, authorization.service())
				.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(parts.signedAt(), ZoneOffset.UTC))
				.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
		SigV4Authorization computed = SigV4Authorization
			.parse(signed.request().firstMatchingHeader("Authorization").orElseThrow());
		return computed.signedHeaders().equals(authorization.signedHeaders()) ? Optional.of(computed.signature())
				: Optional.empty();
	}

	/**
	 * The signature by the SigV4 rules for services other than S3: path normalized and encoded twice, header values
	 * trimmed with inner whitespace collapsed, the headers in the client's SignedHeaders order. AWS JSON requests
	 * carry no query string (the API refuses one), so the canonical query is empty.
	 */
	static String canonicalSignature(SignedParts parts, String secret) {
		SigV4Authorization authorization = parts.authorization();
		String canonicalRequest = String.join("\n", parts.method(), canonicalUri(parts.rawPath()), "",
				canonicalHeaders(parts), String.join(";", authorization.signedHeaders()), Sha256.hex(parts.body()));
		String stringToSign = String.join("\n", SigV4Authorization.ALGORITHM, AMZ_DATE.format(parts.signedAt()),
				authorization.scope(), Sha256.hex(canonicalRequest));
		byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), authorization.date());
		key = hmac(key, authorization.region());
		key = hmac(key, authorization.service());
		key = hmac(key, authorization.terminator());
		return BinaryUtils.toHex(hmac(key, stringToSign));
	}

	private static String canonicalUri(String rawPath) {
		String path = URI.create(rawPath).normalize().getRawPath();
		return path.isEmpty() ? "/" : SdkHttpUtils.urlEncodeIgnoreSlashes(path);
	}

	private static String canonicalHeaders(SignedParts parts) {
		StringBuilder headers = new StringBuilder();
		for (String name : parts.authorization().signedHeaders()) {
			headers.append(name)
				.append(':')
				.append(parts.signedHeaderValues()
					.get(name)
					.stream()
					.map((value) -> value.trim().replaceAll("\\s+", " "))
					.collect(Collectors.joining(",")))
				.append('\n');
		}
		return headers.toString();
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
