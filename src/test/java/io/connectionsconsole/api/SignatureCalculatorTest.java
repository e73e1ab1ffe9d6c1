package io.connectionsconsole.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The two ways of computing a signature agree with each other, with the SDK's signers and with AWS's example. */
class SignatureCalculatorTest {

	static final Instant SIGNED_AT = Instant.parse("2026-03-01T10:20:30Z");

	static final String BODY = "{\"ConnectionName\":\"calc-conn\",\"ProviderType\":\"GITHUB\"}";

	final SignedRequests requests = new SignedRequests(8080);

	final SignedRequests.Signing signing = new SignedRequests.Signing("AKIACALCULATORTEST01",
			"calculatorSecretKey0123456789abcdefghijk", "eu-west-1", "apprunner", SIGNED_AT);

	/** What the verifier takes from a request that arrived: the signed headers only, and the body. */
	private static SignatureCalculator.SignedParts parts(SdkHttpRequest request, String body) {
		SigV4Authorization authorization = SigV4Authorization
			.parse(request.firstMatchingHeader("Authorization").orElseThrow());
		Map<String, List<String>> values = new LinkedHashMap<>();
		authorization.signedHeaders().forEach((name) -> values.put(name, request.matchingHeaders(name)));
		return new SignatureCalculator.SignedParts(request.method().name(), request.protocol(), request.host(),
				request.port(), request.encodedPath(), authorization, values, body.getBytes(StandardCharsets.UTF_8),
				SIGNED_AT);
	}

	private static String signatureOf(SdkHttpRequest request) {
		return SigV4Authorization.parse(request.firstMatchingHeader("Authorization").orElseThrow()).signature();
	}

	@Test
	void theSdkSignerAndTheCanonicalRequestAgreeOnASdkSignedRequest() {
		SdkHttpRequest signed = requests.sdkSigned("AppRunner.CreateConnection", BODY, signing);
		SignatureCalculator.SignedParts parts = parts(signed, BODY);

		assertThat(SignatureCalculator.sdkSignature(parts, signing.secret())).hasValue(signatureOf(signed));
		assertThat(SignatureCalculator.canonicalSignature(parts, signing.secret())).isEqualTo(signatureOf(signed));
	}

	@Test
	void aCliSignedRequestIsLeftToTheCanonicalRequestWhichMatchesIt() {
		SdkHttpRequest signed = requests.cliSigned("AppRunner.CreateConnection", BODY, signing);
		SignatureCalculator.SignedParts parts = parts(signed, BODY);

		assertThat(SignatureCalculator.sdkSignature(parts, signing.secret())).isEmpty();
		assertThat(SignatureCalculator.signature(parts, signing.secret())).isEqualTo(signatureOf(signed));
	}

	@Test
	void theCanonicalRequestReproducesAwssGetVanillaExample() {
		SigV4Authorization authorization = SigV4Authorization.parse("AWS4-HMAC-SHA256 "
				+ "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
				+ "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
		SignatureCalculator.SignedParts parts = new SignatureCalculator.SignedParts(SdkHttpMethod.GET.name(), "https",
				"example.amazonaws.com", 443, "/", authorization,
				Map.of("host", List.of("example.amazonaws.com"), "x-amz-date", List.of("20150830T123600Z")), new byte[0],
				Instant.parse("2015-08-30T12:36:00Z"));

		assertThat(SignatureCalculator.canonicalSignature(parts, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
			.isEqualTo(authorization.signature());
	}

	@Test
	void headerValuesAreSignedTrimmedWithInnerWhitespaceCollapsed() {
		SdkHttpRequest signed = requests.sdkSigned("  AppRunner.Create  \t Connection ", BODY, signing);
		SignatureCalculator.SignedParts parts = parts(signed, BODY);

		assertThat(SignatureCalculator.canonicalSignature(parts, signing.secret())).isEqualTo(signatureOf(signed));
	}

}
