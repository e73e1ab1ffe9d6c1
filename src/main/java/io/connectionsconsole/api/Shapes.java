package io.connectionsconsole.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * The input and output shapes of App Runner's connection operations. Member names follow the service model
 * (apprunner 2020-05-15) through {@link AwsJson}'s PascalCase naming: {@code connectionArn} is {@code ConnectionArn}.
 */
final class Shapes {

	private Shapes() {
	}

	record Tag(String key, String value) {

		static Tag of(io.connectionsconsole.connection.Tag tag) {
			return new Tag(tag.key(), tag.value());
		}

	}

	/** {@code Connection} and {@code ConnectionSummary} of the model: the same members. */
	record Connection(String connectionName, String connectionArn, String providerType, String status,
			BigDecimal createdAt) {

		static Connection of(io.connectionsconsole.connection.Connection connection) {
			return new Connection(connection.name().value(), connection.arn().value(),
					connection.providerType().name(), connection.status().name(),
					// AWS JSON timestamps are epoch seconds; the fraction keeps the milliseconds stored.
					BigDecimal.valueOf(connection.createdAt().toEpochMilli(), 3));
		}

	}

	record CreateConnectionRequest(String connectionName, String providerType, List<Tag> tags) {
	}

	record CreateConnectionResponse(Connection connection) {
	}

	/** {@code maxResults} takes any whole number, so that one out of range is refused in the API's own words. */
	record ListConnectionsRequest(String connectionName, BigInteger maxResults, String nextToken) {
	}

	record ListConnectionsResponse(List<Connection> connectionSummaryList, String nextToken) {
	}

	record DeleteConnectionRequest(String connectionArn) {
	}

	record DeleteConnectionResponse(Connection connection) {
	}

	record TagResourceRequest(String resourceArn, List<Tag> tags) {
	}

	record UntagResourceRequest(String resourceArn, List<String> tagKeys) {
	}

	record ListTagsForResourceRequest(String resourceArn) {
	}

	record ListTagsForResourceResponse(List<Tag> tags) {
	}

}
