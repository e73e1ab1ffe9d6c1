package io.connectionsconsole.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Hand-made API requests for what the SDK client never sends: signed by the SDK's signers, then sent (changed or not)
 * with {@link HttpClient}. Two signers, because clients differ: the current SDK signer signs
 * {@code x-amz-content-sha256}; the AWS CLI, like the SDK's earlier {@link Aws4Signer}, does not.
 */
final class SignedRequests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	SignedRequests(int port) {
		this.port = port;
	}

	/** Who signs, for which scope, at what time. */
	record Signing(String accessKeyId, String secret, String region, String service, Instant at) {

		Signing at(Instant time) {
			return new Signing(accessKeyId, secret, region, service, time);
		}

		Signing service(String name) {
			return new Signing(accessKeyId, secret, region, name, at);
		}

		Signing secret(String value) {
			return new Signing(accessKeyId, value, region, service, at);
		}

	}

	SdkHttpRequest unsigned(String target) {
		return SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.protocol("http")
			.host("localhost")
			.port(port)
			.encodedPath("/")
			.putHeader("Host", "localhost:" + port)
			.putHeader("Content-Type", "application/x-amz-json-1.0")
			.putHeader("X-Amz-Target", target)
			.build();
	}

	/** Signed as the current SDK signs: {@code x-amz-content-sha256} among the signed headers. */
	SdkHttpRequest sdkSigned(String target, String body, Signing signing) {
		return AwsV4HttpSigner.create()
			.sign((sign) -> sign.identity(AwsCredentialsIdentity.create(signing.accessKeyId(), signing.secret()))
				.request(unsigned(target))
				.payload(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
				.putProperty(AwsV4HttpSigner.REGION_NAME, signing.region())
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.service())
				.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signing.at(), ZoneOffset.UTC)))
			.request();
	}

	/** Signed as the AWS CLI signs: without {@code x-amz-content-sha256}. */
	@SuppressWarnings("deprecation")
	SdkHttpRequest cliSigned(String target, String body, Signing signing) {
		SdkHttpFullRequest request = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(unsigned(target).getUri())
			.headers(unsigned(target).headers())
			.contentStreamProvider(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
			.build();
		return Aws4Signer.create()
			.sign(request, Aws4SignerParams.builder()
				.awsCredentials(AwsBasicCredentials.create(signing.accessKeyId(), signing.secret()))
				.signingName(signing.service())
				.signingRegion(Region.of(signing.region()))
				.signingClockOverride(Clock.fixed(signing.at(), ZoneOffset.UTC))
				.build());
	}

	/** Sends the request's headers (but Host, which the HTTP client sets to the same value) with this body. */
	HttpResponse<String> send(SdkHttpRequest request, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		request.forEachHeader((name, values) -> {
			if (!name.equalsIgnoreCase("Host")) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		try {
			return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not reach the console", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
