package io.connectionsconsole.api;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionArn;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionNotFoundException;
import io.connectionsconsole.connection.ConnectionQuery;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.connection.Tag;
import io.connectionsconsole.connection.Tags;
import io.connectionsconsole.error.InvalidInputException;

/**
 * The App Runner operations this console serves, each one call of {@link ConnectionService} (and so one transaction)
 * between reading its input shape and writing its output shape. The rules stay in the service; what is checked here is
 * only what the wire model adds: required members, {@code MaxResults}, page tokens, and that an ARN is of the Region
 * the request was signed for.
 * <p>
 * Its answers are counted as {@code console.api.calls}, by operation and error code ({@code none} for a success). An
 * operation this console doesn't serve is counted as {@code unknown}, so that no client can add tag values.
 */
@Component
class ApiOperations {

	static final int MAX_RESULTS = 100;

	/** App Runner's {@code AppRunnerResourceArn}: any partition, service and Region, a 12-digit account. */
	private static final Pattern APP_RUNNER_ARN = Pattern
		.compile("arn:aws(-\\w+)*:[a-z0-9.-]{0,63}:[a-z0-9.-]{0,63}:[0-9]{12}:[\\w/-]{1,1011}");

	private static final int MAX_ARN = 1011;

	static final String UNKNOWN_OPERATION = "unknown";

	static final String NO_ERROR = "none";

	private static final String TARGET_PREFIX = "AppRunner.";

	private final ConnectionService connections;

	private final NextTokens nextTokens;

	private final MeterRegistry meters;

	private final Map<String, Operation<?>> operations = Map.of(
			"CreateConnection",
			new Operation<>(Shapes.CreateConnectionRequest.class, "create connections", this::createConnection),
			"ListConnections", new Operation<>(Shapes.ListConnectionsRequest.class, null, this::listConnections),
			"DeleteConnection",
			new Operation<>(Shapes.DeleteConnectionRequest.class, "delete connections", this::deleteConnection),
			"TagResource", new Operation<>(Shapes.TagResourceRequest.class, "tag connections", this::tagResource),
			"UntagResource", new Operation<>(Shapes.UntagResourceRequest.class, "untag connections", this::untagResource),
			"ListTagsForResource",
			new Operation<>(Shapes.ListTagsForResourceRequest.class, null, this::listTagsForResource));

	ApiOperations(ConnectionService connections, NextTokens nextTokens, MeterRegistry meters) {
		this.connections = connections;
		this.nextTokens = nextTokens;
		this.meters = meters;
	}

	/** The name of the operation {@code target} names, or {@value #UNKNOWN_OPERATION} for one this console doesn't serve. */
	String name(String target) {
		String name = (target != null && target.startsWith(TARGET_PREFIX)) ? target.substring(TARGET_PREFIX.length())
				: null;
		return (name != null && operations.containsKey(name)) ? name : UNKNOWN_OPERATION;
	}

	/** Runs the operation that {@code target} ({@code AppRunner.ListConnections}) names, for a verified caller. */
	Object invoke(String target, ApiCaller caller, byte[] body) {
		Operation<?> operation = operations.get(name(target));
		if (operation == null) {
			throw ApiException.unknownOperation(target,
					operations.keySet().stream().sorted().map((name) -> TARGET_PREFIX + name).toList());
		}
		return operation.invoke(caller, body);
	}

	/** Counts an answer; {@code errorCode} is its AWS error code, null for a success. */
	void answered(HttpServletRequest request, String errorCode) {
		meters.counter("console.api.calls", "operation", name(request.getHeader("X-Amz-Target")), "error",
				(errorCode != null) ? errorCode : NO_ERROR).increment();
	}

	private Shapes.CreateConnectionResponse createConnection(ApiCaller caller, Shapes.CreateConnectionRequest input) {
		Connection created = connections.create(caller.caller(), caller.region(),
				ConnectionName.of(required("ConnectionName", input.connectionName())),
				ProviderType.parse(required("ProviderType", input.providerType())),
				input.tags() == null ? Tags.none() : tags(input.tags()));
		return new Shapes.CreateConnectionResponse(Shapes.Connection.of(created));
	}

	private Shapes.ListConnectionsResponse listConnections(ApiCaller caller, Shapes.ListConnectionsRequest input) {
		String name = input.connectionName() == null ? null : ConnectionName.of(input.connectionName()).value();
		BigInteger given = input.maxResults();
		if (given != null && (given.signum() < 1 || given.compareTo(BigInteger.valueOf(MAX_RESULTS)) > 0)) {
			throw new InvalidInputException("MaxResults",
					"MaxResults must be from 1 to " + MAX_RESULTS + "; it was " + given + ".");
		}
		Integer max = given == null ? null : given.intValue();
		String after = input.nextToken() == null ? null : nextTokens.lastName(input.nextToken(), caller, name, max);
		// Without MaxResults App Runner answers with every connection at once; with it, one more row tells whether
		// a next page exists.
		List<Connection> found = connections.list(caller.caller(), caller.region(),
				ConnectionQuery.apiPage(name, after, max == null ? Integer.MAX_VALUE : max + 1));
		if (max == null || found.size() <= max) {
			return new Shapes.ListConnectionsResponse(found.stream().map(Shapes.Connection::of).toList(), null);
		}
		List<Connection> page = found.subList(0, max);
		return new Shapes.ListConnectionsResponse(page.stream().map(Shapes.Connection::of).toList(),
				nextTokens.issue(caller, name, max, page.get(max - 1).name()));
	}

	private Shapes.DeleteConnectionResponse deleteConnection(ApiCaller caller, Shapes.DeleteConnectionRequest input) {
		Connection deleted = connections.delete(caller.caller(), arn(caller, "ConnectionArn", input.connectionArn()));
		return new Shapes.DeleteConnectionResponse(Shapes.Connection.of(deleted));
	}

	private Map<String, Object> tagResource(ApiCaller caller, Shapes.TagResourceRequest input) {
		// the input's members first, as App Runner validates them before it looks for the resource
		Tags tags = tags(required("Tags", input.tags()));
		connections.tag(caller.caller(), arn(caller, "ResourceArn", input.resourceArn()), tags);
		return Map.of();
	}

	private Map<String, Object> untagResource(ApiCaller caller, Shapes.UntagResourceRequest input) {
		List<String> keys = required("TagKeys", input.tagKeys());
		try {
			keys.forEach(Tag::validKey);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException("TagKeys", ex.getMessage());
		}
		connections.untag(caller.caller(), arn(caller, "ResourceArn", input.resourceArn()), keys);
		return Map.of();
	}

	private Shapes.ListTagsForResourceResponse listTagsForResource(ApiCaller caller,
			Shapes.ListTagsForResourceRequest input) {
		List<Tag> tags = connections.tags(caller.caller(), arn(caller, "ResourceArn", input.resourceArn()));
		return new Shapes.ListTagsForResourceResponse(tags.stream().map(Shapes.Tag::of).toList());
	}

	private static Tags tags(List<Shapes.Tag> tags) {
		return new Tags(tags.stream().map((t) -> new Tag(t.key(), t.value())).toList());
	}

	/**
	 * A connection ARN of the Region the request was signed for. A connection of another Region is not found, as the
	 * App Runner endpoint of one Region knows nothing of another's. An ARN of the form App Runner's model takes
	 * ({@code AppRunnerResourceArn}) that names no connection, such as a service's, is not found either, as at App
	 * Runner, where such an input passes validation; the message still says what keeps it from being a connection's.
	 */
	private static ConnectionArn arn(ApiCaller caller, String member, String value) {
		required(member, value);
		ConnectionArn arn;
		try {
			arn = ConnectionArn.parse(member, value);
		}
		catch (InvalidInputException ex) {
			if (value.length() <= MAX_ARN && APP_RUNNER_ARN.matcher(value).matches()) {
				throw ConnectionNotFoundException.because(ex.getMessage());
			}
			throw ex;
		}
		if (!arn.region().equals(caller.region().code())) {
			throw ConnectionNotFoundException.forArn(arn);
		}
		return arn;
	}

	private static <T> T required(String member, T value) {
		if (value == null) {
			throw new InvalidInputException(member, member + " is required.");
		}
		return value;
	}

	/** {@code write}: what the operation changes, for the refusal of a read-only key; null for a read. */
	private record Operation<I>(Class<I> input, String write, BiFunction<ApiCaller, I, Object> handler) {

		Object invoke(ApiCaller caller, byte[] body) {
			if (write != null) {
				// as AWS authorizes a call before it reads its input: a read-only key is denied, whatever it sends
				caller.caller().requireWrite(write);
			}
			return handler.apply(caller, AwsJson.read(body, input));
		}

	}

}
