package io.connectionsconsole.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;

/** Real AWS SDK App Runner clients pointed at the console under test; closes them all at the end. */
public final class AppRunnerClients implements AutoCloseable {

	private final URI endpoint;

	private final List<AppRunnerClient> open = new ArrayList<>();

	public AppRunnerClients(int port) {
		this(URI.create("http://localhost:" + port));
	}

	AppRunnerClients(URI endpoint) {
		this.endpoint = endpoint;
	}

	public AppRunnerClient signedWith(String accessKeyId, String secret, String region) {
		return client(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)), region);
	}

	AppRunnerClient anonymous(String region) {
		return client(AnonymousCredentialsProvider.create(), region);
	}

	private AppRunnerClient client(AwsCredentialsProvider credentials, String region) {
		AppRunnerClient client = AppRunnerClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(region))
			.credentialsProvider(credentials)
			.httpClient(UrlConnectionHttpClient.create())
			// Every answer is checked as it comes: a retry would only hide what the console said first.
			.overrideConfiguration((config) -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build();
		open.add(client);
		return client;
	}

	@Override
	public void close() {
		open.forEach(AppRunnerClient::close);
		open.clear();
	}

}
