package io.connectionsconsole.api;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.connectionsconsole.account.AccessKeyService;
import io.connectionsconsole.account.Caller;
import io.connectionsconsole.account.NewAccessKey;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionQuery;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tag;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.GeneratedText;
import io.connectionsconsole.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Generated bodies, signed and sent over HTTP to each of the six operations: valid and invalid members, values of
 * every JSON type where the model wants another, text of every kind, deep nesting, huge numbers, bodies that are no
 * JSON object or no JSON at all. Whatever arrives, the answer is a success or an AWS JSON client error, and a refused
 * request changes nothing.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// One instance for all the tries, so that they share one HTTP client; each try still gets a fresh account.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGeneratedInputTest {

	/** Stands in a generated body for the ARN of the connection each try starts with. */
	private static final String TARGET_ARN = "$TARGET_ARN$";

	private static final List<String> OPERATIONS = List.of("CreateConnection", "ListConnections", "DeleteConnection",
			"TagResource", "UntagResource", "ListTagsForResource");

	private static final List<String> MEMBERS = List.of("ConnectionName", "ProviderType", "Tags", "MaxResults",
			"NextToken", "ConnectionArn", "ResourceArn", "TagKeys");

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

	Connection target;

	@BeforeAll
	void aClient() {
		requests = new SignedRequests(port);
	}

	@BeforeEach
	void aFreshAccountWithOneTaggedConnection() {
		admin = testAccounts.newAdmin();
		NewAccessKey key = accessKeys.create(admin);
		signing = new SignedRequests.Signing(key.id(), key.secret(), "us-east-1", "apprunner", Instant.now());
		target = connections.create(admin, regions.require("us-east-1"), ConnectionName.of("the-target"),
				ProviderType.GITHUB, new Tags(List.of(new Tag("team", "web"))));
	}

	@ParameterizedTest
	@MethodSource("operationsAndBodies")
	void everyBodyGetsASuccessOrAnAwsClientErrorAndARefusalChangesNothing(String operation, String body) {
		String sent = body.replace(TARGET_ARN, target.arn().value());
		Map<String, List<String>> before = stored();

		HttpResponse<String> response = requests.send(requests.sdkSigned("AppRunner." + operation, sent, signing), sent);

		assertThat(response.statusCode()).as("%s %s: %s", operation, sent, response.body()).isLessThan(500);
		if (response.statusCode() != 200) {
			assertThat(response.statusCode()).as(response.body()).isIn(400, 413);
			String errorType = response.headers().firstValue("x-amzn-ErrorType").orElse(null);
			JsonNode error = JsonMapper.shared().readTree(response.body());
			assertThat(error.propertyNames()).containsExactly("__type", "Message");
			assertThat(error.get("__type").asString()).isEqualTo(errorType).isNotBlank();
			assertThat(error.get("Message").asString()).isNotBlank();
			assertThat(stored()).as("%s %s", operation, sent).isEqualTo(before);
		}
	}

	static Stream<ArgumentSet> operationsAndBodies() {
		GeneratedText generate = GeneratedText.forTest(ApiGeneratedInputTest.class);
		return Stream.generate(() -> {
			String operation = generate.of(OPERATIONS);
			String body = body(generate);
			return argumentSet(operation + " " + GeneratedText.shown(body), operation, body);
		}).limit(300);
	}

	/** The account's live connections in the Region and their tags, as names and key=value lines. */
	private Map<String, List<String>> stored() {
		Map<String, List<String>> stored = new TreeMap<>();
		for (Connection connection : connections.list(admin, regions.require("us-east-1"), ConnectionQuery.all())) {
			stored.put(connection.name().value(), connections.tags(admin, connection.arn())
				.stream()
				.map((tag) -> tag.key() + "=" + tag.value())
				.toList());
		}
		return stored;
	}

	/** Mostly the input of an operation, else any JSON value, deep nesting or no JSON at all. */
	private static String body(GeneratedText generate) {
		return switch (generate.between(1, 10)) {
			case 1, 2, 3, 4, 5, 6 -> operationInput(generate);
			case 7, 8 -> value(generate, 2);
			case 9 -> deeplyNested(generate);
			default -> generate.any();
		};
	}

	/** An object of the model's members, each with a plausible value or any JSON value at all. */
	private static String operationInput(GeneratedText generate) {
		return object(generate, () -> (generate.between(1, 6) <= 5) ? generate.of(MEMBERS) : generate.any(),
				(name) -> generate.oneOf(() -> plausible(generate, name), () -> value(generate, 2)));
	}

	/** A value of the type the model gives the member, often valid. */
	private static String plausible(GeneratedText generate, String member) {
		return switch (member) {
			case "ConnectionName" -> string(generate.oneOf(generate::nameLike, generate::any));
			case "ProviderType" -> string(generate.oneOf(() -> generate.of("GITHUB", "BITBUCKET"), generate::any));
			case "Tags" -> array(generate.listOf(52, () -> tag(generate)));
			case "TagKeys" -> array(generate.listOf(5, () -> string(generate.oneOf(() -> "team", generate::any))));
			case "MaxResults" -> generate.oneOf(() -> String.valueOf(generate.between(-2, 102)),
					() -> number(generate));
			case "ConnectionArn", "ResourceArn" -> string(generate.oneOf(() -> TARGET_ARN, () -> arnLike(generate),
					generate::any));
			default -> string(generate.any());
		};
	}

	private static String tag(GeneratedText generate) {
		String key = generate.oneOf(generate::nameLike, generate::any);
		String value = generate.oneOf(generate::nameLike, generate::any);
		return "{\"Key\":" + string(key) + ",\"Value\":" + string(value) + "}";
	}

	private static String arnLike(GeneratedText generate) {
		return "arn:aws:apprunner:" + generate.of("us-east-1", "eu-west-1", "moon-1") + ":123456789012:connection/"
				+ generate.nameLike() + "/" + generate.string(32, "0123456789abcdef");
	}

	/** Any JSON value, nested up to {@code depth} levels. */
	private static String value(GeneratedText generate, int depth) {
		if (depth == 0) {
			return scalar(generate);
		}
		return generate.oneOf(() -> scalar(generate), () -> array(generate.listOf(4, () -> value(generate, depth - 1))),
				() -> object(generate, () -> generate.oneOf(() -> generate.of(MEMBERS), generate::any),
						(name) -> value(generate, depth - 1)));
	}

	/** An object of up to four members named by {@code names}, each with a value {@code valueOf} its name. */
	private static String object(GeneratedText generate, Supplier<String> names, Function<String, String> valueOf) {
		List<String> entries = new ArrayList<>();
		for (String name : new LinkedHashSet<>(generate.listOf(4, names))) {
			entries.add(string(name) + ":" + valueOf.apply(name));
		}
		return "{" + String.join(",", entries) + "}";
	}

	private static String array(List<String> items) {
		return "[" + String.join(",", items) + "]";
	}

	private static String scalar(GeneratedText generate) {
		return generate.oneOf(() -> generate.of("null", "true", "false"), () -> number(generate),
				() -> string(generate.any()));
	}

	private static String number(GeneratedText generate) {
		return generate.oneOf(() -> String.valueOf(generate.nextLong()), () -> String.valueOf(generate.nextDouble()),
				// 10^18 to 10^60, past a long
				() -> generate.string(1, "123456789") + generate.string(generate.between(18, 59), "0123456789"),
				() -> generate.of("1e400", "-1e-400", "-0", "0.0", "1" + "0".repeat(1200), "2147483648", "NaN"));
	}

	/** Arrays or objects nested past any reasonable depth, around a member the model knows. */
	private static String deeplyNested(GeneratedText generate) {
		int depth = generate.between(50, 3000);
		String member = generate.of(MEMBERS);
		boolean arrays = generate.nextBoolean();
		String open = arrays ? "[" : "{\"a\":";
		String close = arrays ? "]" : "}";
		return "{" + string(member) + ":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
	}

	/**
	 * {@code text} as a JSON string with every character outside printable ASCII escaped, so that lone surrogates
	 * and control characters reach the console exactly as generated.
	 */
	private static String string(String text) {
		StringBuilder json = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || c > 0x7e) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

}
