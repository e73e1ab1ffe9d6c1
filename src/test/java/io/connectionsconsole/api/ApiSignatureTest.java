package io.connectionsconsole.api;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.SdkHttpRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.connectionsconsole.account.AccessKeyService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.NewAccessKey;
import io.connectionsconsole.account.Role;
import io.connectionsconsole.connection.ConnectionQuery;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.LogLines;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/** The API over raw HTTP: the wire format, and the signature failures an SDK client never produces. */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ApiSignatureTest {

	static final String LIST = "AppRunner.ListConnections";

	static final String CREATE = "AppRunner.CreateConnection";

	static final List<String> OPERATIONS = List.of(CREATE, LIST, "AppRunner.DeleteConnection", "AppRunner.TagResource",
			"AppRunner.UntagResource", "AppRunner.ListTagsForResource");

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	AccessKeyService accessKeys;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	SignedRequests requests;

	Caller admin;

	SignedRequests.Signing signing;

	@BeforeEach
	void setUp() {
		requests = new SignedRequests(port);
		admin = testAccounts.newAdmin();
		NewAccessKey key = accessKeys.create(admin);
		signing = new SignedRequests.Signing(key.id(), key.secret(), "us-east-1", "apprunner", Instant.now());
	}

	private HttpResponse<String> sdkSigned(String target, String body) {
		return requests.send(requests.sdkSigned(target, body, signing), body);
	}

	private int liveConnections() {
		return connections.list(admin, regions.require("us-east-1"), ConnectionQuery.all()).size();
	}

	@Test
	void aSuccessfulAnswerIsAwsJsonWithTheModelsMemberNamesAndEpochSecondTimes() {
		sdkSigned(CREATE, "{\"ConnectionName\":\"wire-conn\",\"ProviderType\":\"GITHUB\"}");

		HttpResponse<String> response = sdkSigned(LIST, "{}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
		assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
		JsonNode body = json(response);
		assertThat(body.propertyNames()).containsExactly("ConnectionSummaryList");
		JsonNode summary = body.get("ConnectionSummaryList").get(0);
		assertThat(summary.propertyNames()).containsExactlyInAnyOrder("ConnectionName", "ConnectionArn", "ProviderType",
				"Status", "CreatedAt");
		assertThat(summary.get("Status").asString()).isEqualTo("PENDING_HANDSHAKE");
		assertThat(summary.get("CreatedAt").isNumber()).isTrue();
		assertThat(summary.get("CreatedAt").asDouble()).isCloseTo(Instant.now().getEpochSecond(),
				org.assertj.core.api.Assertions.within(60.0));
	}

	@Test
	void aRequestWithoutAuthorizationIsMissingItsAuthenticationToken() {
		HttpResponse<String> response = requests.send(requests.unsigned(LIST), "{}");

		assertError(response, 403, "MissingAuthenticationTokenException", "Request is missing Authentication Token");
	}

	@Test
	void anAuthorizationThatIsNotSigV4IsAnIncompleteSignature() {
		SdkHttpRequest request = requests.unsigned(LIST).toBuilder().putHeader("Authorization", "Basic YWRtaW46cHc=")
			.build();

		assertError(requests.send(request, "{}"), 403, "IncompleteSignatureException", "AWS4-HMAC-SHA256");
	}

	@Test
	void anUnknownAccessKeyIsAnUnrecognizedClient() {
		HttpResponse<String> response = requests.send(requests.sdkSigned(LIST, "{}",
				new SignedRequests.Signing("AKIAUNKNOWNKEY000000", signing.secret(), "us-east-1", "apprunner",
						Instant.now())), "{}");

		assertError(response, 403, "UnrecognizedClientException",
				"The security token included in the request is invalid.");
	}

	@Test
	void aSignatureMadeWithTheWrongSecretDoesNotMatch() {
		HttpResponse<String> response = requests.send(requests.sdkSigned(LIST, "{}", signing.secret("not-the-secret")),
				"{}");

		assertError(response, 403, "InvalidSignatureException",
				"The request signature we calculated does not match the signature you provided.");
	}

	@Test
	void aRequestSignedMoreThanFifteenMinutesAgoHasExpired() {
		Instant signedAt = Instant.now().minus(Duration.ofMinutes(16)).truncatedTo(ChronoUnit.SECONDS);

		HttpResponse<String> response = requests.send(requests.sdkSigned(LIST, "{}", signing.at(signedAt)), "{}");

		assertError(response, 403, "InvalidSignatureException",
				"Signature expired: " + SignatureCalculator.AMZ_DATE.format(signedAt) + " is now earlier than ");
		assertThat(message(response)).endsWith(" - 15 min.)");
	}

	@Test
	void aRequestSignedMoreThanFifteenMinutesAheadIsNotYetCurrent() {
		HttpResponse<String> response = requests.send(
				requests.sdkSigned(LIST, "{}", signing.at(Instant.now().plus(Duration.ofMinutes(16)))), "{}");

		assertError(response, 403, "InvalidSignatureException", "Signature not yet current: ");
	}

	@Test
	void aRequestSignedFourteenMinutesAgoIsStillServed() {
		HttpResponse<String> response = requests.send(
				requests.sdkSigned(LIST, "{}", signing.at(Instant.now().minus(Duration.ofMinutes(14)))), "{}");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void aBodyChangedAfterSigningIsRefusedAndNothingIsCreated() {
		SdkHttpRequest signed = requests.sdkSigned(CREATE,
				"{\"ConnectionName\":\"signed-name\",\"ProviderType\":\"GITHUB\"}", signing);

		HttpResponse<String> response = requests.send(signed,
				"{\"ConnectionName\":\"other-name\",\"ProviderType\":\"GITHUB\"}");

		assertError(response, 403, "InvalidSignatureException", "does not match");
		assertThat(liveConnections()).isZero();
	}

	@Test
	void aCredentialScopedToAnotherServiceIsRefused() {
		HttpResponse<String> response = requests.send(requests.sdkSigned(LIST, "{}", signing.service("execute-api")),
				"{}");

		assertError(response, 403, "InvalidSignatureException", "Credential should be scoped to correct service: "
				+ "'apprunner'.");
	}

	@Test
	void aCredentialScopedToARegionTheConsoleDoesNotServeIsRefused() {
		HttpResponse<String> response = requests.send(requests.sdkSigned(LIST, "{}", new SignedRequests.Signing(
				signing.accessKeyId(), signing.secret(), "sa-east-1", "apprunner", Instant.now())), "{}");

		assertError(response, 403, "InvalidSignatureException", "Credential should be scoped to a valid region");
	}

	@Test
	void aSessionTokenIsNeverOneOfOurs() {
		SdkHttpRequest signed = requests.sdkSigned(LIST, "{}", signing)
			.toBuilder()
			.putHeader("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE")
			.build();

		assertError(requests.send(signed, "{}"), 403, "UnrecognizedClientException",
				"The security token included in the request is invalid: this console's access keys take no session "
						+ "token (unset AWS_SESSION_TOKEN, or use a profile without one).");
	}

	/**
	 * A header whose value holds a control character (here U+0085, a C1 byte of mistyped UTF-8) is refused as an
	 * incomplete signature, not a failure; the value, here where a session token goes, is neither answered nor logged.
	 */
	@Test
	void aHeaderWithAControlCharacterIsRefusedAndItsValueIsNotLogged(CapturedOutput output) throws Exception {
		String now = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
		String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Amz-Target: " + LIST
				+ "\r\nX-Amz-Date: " + now + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential="
				+ signing.accessKeyId() + "/" + now.substring(0, 8) + "/us-east-1/apprunner/aws4_request, "
				+ "SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc\r\nX-Amz-Security-Token: token-of-nobody";
		String rest = "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
		String response;
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[] { (byte) 0xc2, (byte) 0x85 });
			out.write(rest.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}

		assertThat(response).startsWith("HTTP/1.1 400")
			.contains("x-amzn-ErrorType: IncompleteSignatureException")
			.contains("holds a character no header may")
			.doesNotContain("token-of-nobody");
		assertThat(output.toString()).doesNotContain("token-of-nobody").doesNotContain("InternalServiceError");
		assertThat(LogLines.at(output, "ERROR")).isEmpty();
	}

	@Test
	void aSignatureThatLeavesTheTargetUnsignedIsIncomplete() {
		SdkHttpRequest signed = requests.sdkSigned(LIST, "{}", signing);
		String authorization = signed.firstMatchingHeader("Authorization").orElseThrow().replace(";x-amz-target", "");

		HttpResponse<String> response = requests.send(
				signed.toBuilder().putHeader("Authorization", authorization).build(), "{}");

		assertError(response, 403, "IncompleteSignatureException", "SignedHeaders must include x-amz-target.");
	}

	@Test
	void anUnknownOperationIsRefusedOnceTheRequestIsAuthenticated() {
		HttpResponse<String> response = sdkSigned("AppRunner.CreateService", "{}");

		assertError(response, 400, "UnknownOperationException", "AppRunner.CreateService");
		assertError(requests.send(requests.unsigned("AppRunner.CreateService"), "{}"), 403,
				"MissingAuthenticationTokenException", "missing Authentication Token");
	}

	@Test
	void aRequestSignedAsTheAwsCliSignsIsServed() {
		String body = "{\"ConnectionName\":\"cli-conn\",\"ProviderType\":\"BITBUCKET\"}";
		SdkHttpRequest signed = requests.cliSigned(CREATE, body, signing);

		HttpResponse<String> response = requests.send(signed, body);

		assertThat(signed.firstMatchingHeader("Authorization").orElseThrow()).doesNotContain("x-amz-content-sha256");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("Connection").get("ConnectionName").asString()).isEqualTo("cli-conn");
	}

	@Test
	void aCliSignedRequestWithAChangedBodyIsRefused() {
		SdkHttpRequest signed = requests.cliSigned(CREATE,
				"{\"ConnectionName\":\"cli-conn\",\"ProviderType\":\"BITBUCKET\"}", signing);

		HttpResponse<String> response = requests.send(signed,
				"{\"ConnectionName\":\"evil-conn\",\"ProviderType\":\"BITBUCKET\"}");

		assertError(response, 403, "InvalidSignatureException", "does not match");
		assertThat(liveConnections()).isZero();
	}

	@Test
	void malformedJsonAndMembersOfTheWrongTypeAreInvalidRequests() {
		assertError(sdkSigned(LIST, "{\"MaxResults\": "), 400, "InvalidRequestException", "not valid JSON");
		for (String malformed : new String[] { "{\"MaxResults\": ", "{\"MaxResults\" 5}", "{'MaxResults': 5}",
				"{\"MaxResults\": 5,\n \"NextToken\": }" }) {
			HttpResponse<String> response = sdkSigned(LIST, malformed);
			assertError(response, 400, "InvalidRequestException", "The request body is not valid JSON: ");
			assertThat(json(response).get("Message").asString()).as(malformed)
				.matches("The request body is not valid JSON: .+ \\(line [12], column [0-9]+\\)\\.")
				.doesNotContain("Source")
				.doesNotContain("REDACTED")
				.doesNotContain("Feature");
		}
		assertError(sdkSigned(LIST, "{\"MaxResults\": 5} []"), 400, "InvalidRequestException", "must be one JSON object");
		assertError(sdkSigned(LIST, "{\"MaxResults\": \"10\"}"), 400, "InvalidRequestException",
				"MaxResults must be an integer.");
		assertError(sdkSigned(LIST, "{\"MaxResults\": 2.5}"), 400, "InvalidRequestException",
				"MaxResults must be an integer.");
		// in the API's own words however large, not the JSON reader's
		for (String large : List.of("2147483648", "99999999999", "123456789012345678901234567890", "-2147483649")) {
			assertError(sdkSigned(LIST, "{\"MaxResults\": " + large + "}"), 400, "InvalidRequestException",
					"MaxResults must be from 1 to 100; it was " + large + ".");
		}
		assertError(sdkSigned(CREATE, "{\"ConnectionName\": 1234, \"ProviderType\": \"GITHUB\"}"), 400,
				"InvalidRequestException", "ConnectionName must be a string.");
		assertError(sdkSigned(CREATE, "{\"ConnectionName\": \"typed\", \"ProviderType\": \"GITHUB\", \"Tags\": {}}"),
				400, "InvalidRequestException", "Tags must be a list.");
		assertError(sdkSigned(CREATE, "{\"ConnectionName\": \"typed\", \"ProviderType\": \"GITHUB\", \"Tags\": [null]}"),
				400, "InvalidRequestException", "Tags[0] must not be null.");
		assertError(sdkSigned(CREATE, "{\"ConnectionName\": \"\\ud800lone\", \"ProviderType\": \"GITHUB\"}"), 400,
				"InvalidRequestException", "ConnectionName");
		assertError(sdkSigned(CREATE, "{\"ConnectionName\": \"first\", \"ProviderType\": \"GITHUB\", "
				+ "\"ConnectionName\": \"second\"}"), 400, "InvalidRequestException", "Duplicate Object property "
						+ "\"ConnectionName\"");
		assertThat(liveConnections()).isZero();
	}

	@Test
	void aBodyThatIsNotAJsonObjectIsAnInvalidRequestNamingWhatItIsForEveryOperation(CapturedOutput output) {
		Map<String, String> bodies = Map.of("null", "null", "[]", "an array", "[{\"ConnectionName\": \"in-a-list\"}]",
				"an array", "\"arn:aws:apprunner:us-east-1:123456789012:connection/a-conn/0123456789abcdef0123456789abcdef\"",
				"a string", "42", "a number", "-1.5e3", "a number", "true", "a boolean");
		for (String operation : OPERATIONS) {
			bodies.forEach((body, what) -> assertError(sdkSigned(operation, body), 400, "InvalidRequestException",
					"The request body must be a JSON object; it is " + what + "."));
		}

		assertThat(liveConnections()).isZero();
		assertThat(output.getAll()).doesNotContain("InternalServiceError").doesNotContain("Exception");
	}

	@Test
	void aReadOnlyKeyIsDeniedEveryWriteWhateverItsBodyAndMayStillList() {
		NewAccessKey key = accessKeys.create(testAccounts.newUser(admin.accountId(), Role.READ_ONLY));
		SignedRequests.Signing reader = new SignedRequests.Signing(key.id(), key.secret(), "us-east-1", "apprunner",
				Instant.now());
		for (String operation : OPERATIONS) {
			for (String body : new String[] { "{\"ConnectionName\": ", "[]", "{}" }) {
				HttpResponse<String> response = requests.send(requests.sdkSigned(operation, body, reader), body);
				if (operation.equals(LIST) || operation.equals("AppRunner.ListTagsForResource")) {
					assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(operation + " " + body)
						.isNotEqualTo(Optional.of("AccessDeniedException"));
				}
				else {
					assertError(response, 403, "AccessDeniedException", "your role is read-only");
				}
			}
		}
		assertThat(liveConnections()).isZero();
	}

	@Test
	void membersTheModelDoesNotKnowAreIgnored() {
		HttpResponse<String> response = sdkSigned(LIST, "{\"MaxResults\": 5, \"SomethingNew\": {\"a\": [1]}}");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void missingRequiredMembersAreNamed() {
		assertError(sdkSigned(CREATE, "{\"ProviderType\":\"GITHUB\"}"), 400, "InvalidRequestException",
				"ConnectionName is required.");
		assertError(sdkSigned(CREATE, "{\"ConnectionName\":\"no-provider\"}"), 400, "InvalidRequestException",
				"ProviderType is required.");
		assertError(sdkSigned("AppRunner.DeleteConnection", ""), 400, "InvalidRequestException",
				"ConnectionArn is required.");
		assertError(sdkSigned("AppRunner.UntagResource", "{\"ResourceArn\":\"arn:aws:apprunner:us-east-1:"
				+ admin.accountId() + ":connection/some-conn/0123456789abcdef0123456789abcdef\"}"), 400,
				"InvalidRequestException", "TagKeys is required.");
	}

	private static void assertError(HttpResponse<String> response, int status, String code, String message) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(code);
		assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
		JsonNode body = json(response);
		assertThat(body.propertyNames()).containsExactly("__type", "Message");
		assertThat(body.get("__type").asString()).isEqualTo(code);
		assertThat(body.get("Message").asString()).contains(message);
	}

	private static String message(HttpResponse<String> response) {
		return json(response).get("Message").asString();
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

}
