package io.connectionsconsole.api;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeTry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestContextManager;

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

/**
 * Generated bodies, signed and sent over HTTP to each of the six operations: valid and invalid members, values of
 * every JSON type where the model wants another, text of every kind, deep nesting, huge numbers, bodies that are no
 * JSON object or no JSON at all. Whatever arrives, the answer is a success or an AWS JSON client error, and a refused
 * request changes nothing.
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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

	@BeforeProperty
	void startTheConsole() throws Exception {
		// jqwik runs outside JUnit Jupiter's Spring extension; the test context (cached, so shared with the other
		// tests of this configuration) is prepared by hand.
		new TestContextManager(getClass()).prepareTestInstance(this);
		requests = new SignedRequests(port);
	}

	@BeforeTry
	void aFreshAccountWithOneTaggedConnection() {
		admin = testAccounts.newAdmin();
		NewAccessKey key = accessKeys.create(admin);
		signing = new SignedRequests.Signing(key.id(), key.secret(), "us-east-1", "apprunner", Instant.now());
		target = connections.create(admin, regions.require("us-east-1"), ConnectionName.of("the-target"),
				ProviderType.GITHUB, new Tags(List.of(new Tag("team", "web"))));
	}

	@Property(tries = 300)
	void everyBodyGetsASuccessOrAnAwsClientErrorAndARefusalChangesNothing(@ForAll("operations") String operation,
			@ForAll("bodies") String body) {
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

	/** The account's live connections in the Region and their tags, as names and key=value lines. */
	private Map<String, List<String>> stored() {
		Map<String, List<String>> stored = new TreeMap<>();
		for (Connection connection : connections.list(admin, regions.require("us-east-1"), ConnectionQuery.all())) {
			stored.put(connection.name().value(), connections.tags(admin, connection.id())
				.stream()
				.map((tag) -> tag.key() + "=" + tag.value())
				.toList());
		}
		return stored;
	}

	@Provide
	Arbitrary<String> operations() {
		return Arbitraries.of(OPERATIONS);
	}

	@Provide
	Arbitrary<String> bodies() {
		return Arbitraries.frequencyOf(Tuple.of(6, operationInput()),
				Tuple.of(2, value(2)), Tuple.of(1, deeplyNested()),
				Tuple.of(1, GeneratedText.any()));
	}

	/** An object of the model's members, each with a plausible value or any JSON value at all. */
	private static Arbitrary<String> operationInput() {
		Arbitrary<String> member = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(MEMBERS)),
				Tuple.of(1, GeneratedText.any()));
		return Arbitraries.maps(member, Arbitraries.just(0)).ofMaxSize(4).flatMap((members) -> {
			List<Arbitrary<String>> entries = new ArrayList<>();
			for (String name : members.keySet()) {
				entries.add(Arbitraries.oneOf(plausible(name), value(2)).map((v) -> string(name) + ":" + v));
			}
			return Combinators.combine(entries).as((list) -> "{" + String.join(",", list) + "}");
		});
	}

	/** A value of the type the model gives the member, often valid. */
	private static Arbitrary<String> plausible(String member) {
		return switch (member) {
			case "ConnectionName" -> Arbitraries.oneOf(GeneratedText.nameLike(), GeneratedText.any()).map(
					ApiGeneratedInputTest::string);
			case "ProviderType" -> Arbitraries.oneOf(Arbitraries.of("GITHUB", "BITBUCKET"), GeneratedText.any())
				.map(ApiGeneratedInputTest::string);
			case "Tags" -> tag().list().ofMaxSize(52).map((tags) -> "[" + String.join(",", tags) + "]");
			case "TagKeys" -> Arbitraries.oneOf(Arbitraries.just("team"), GeneratedText.any())
				.map(ApiGeneratedInputTest::string)
				.list()
				.ofMaxSize(5)
				.map((keys) -> "[" + String.join(",", keys) + "]");
			case "MaxResults" -> Arbitraries.oneOf(Arbitraries.integers().between(-2, 102).map(String::valueOf),
					number());
			case "ConnectionArn", "ResourceArn" -> Arbitraries.oneOf(Arbitraries.just(TARGET_ARN), arnLike(),
					GeneratedText.any()).map(ApiGeneratedInputTest::string);
			default -> GeneratedText.any().map(ApiGeneratedInputTest::string);
		};
	}

	private static Arbitrary<String> tag() {
		Arbitrary<String> text = Arbitraries.oneOf(GeneratedText.nameLike(), GeneratedText.any());
		return Combinators.combine(text, text).as((key, value) -> "{\"Key\":" + string(key) + ",\"Value\":"
				+ string(value) + "}");
	}

	private static Arbitrary<String> arnLike() {
		return Combinators.combine(Arbitraries.of("us-east-1", "eu-west-1", "moon-1"), GeneratedText.nameLike(),
				Arbitraries.strings().withChars("0123456789abcdef").ofLength(32))
			.as((region, name, id) -> "arn:aws:apprunner:" + region + ":123456789012:connection/" + name + "/" + id);
	}

	/** Any JSON value, nested up to {@code depth} levels. */
	private static Arbitrary<String> value(int depth) {
		Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "false"), number(),
				GeneratedText.any().map(ApiGeneratedInputTest::string));
		if (depth == 0) {
			return scalar;
		}
		Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4).map((items) -> "[" + String.join(",", items)
				+ "]");
		Arbitrary<String> object = Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(MEMBERS), GeneratedText.any()),
				value(depth - 1))
			.ofMaxSize(4)
			.map((members) -> {
				List<String> entries = new ArrayList<>();
				members.forEach((name, v) -> entries.add(string(name) + ":" + v));
				return "{" + String.join(",", entries) + "}";
			});
		return Arbitraries.oneOf(scalar, array, object);
	}

	private static Arbitrary<String> number() {
		return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf), Arbitraries.doubles().map(String::valueOf),
				Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(18), java.math.BigInteger.TEN.pow(60))
					.map(String::valueOf),
				Arbitraries.of("1e400", "-1e-400", "-0", "0.0", "1" + "0".repeat(1200), "2147483648", "NaN"));
	}

	/** Arrays or objects nested past any reasonable depth, around a member the model knows. */
	private static Arbitrary<String> deeplyNested() {
		return Combinators.combine(Arbitraries.integers().between(50, 3000), Arbitraries.of(MEMBERS),
				Arbitraries.of(true, false)).as((depth, member, arrays) -> {
					String open = arrays ? "[" : "{\"a\":";
					String close = arrays ? "]" : "}";
					return "{" + string(member) + ":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
				});
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
