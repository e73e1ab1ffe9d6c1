package io.connectionsconsole.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.apprunner.model.ConnectionSummary;
import software.amazon.awssdk.services.apprunner.model.ProviderType;
import software.amazon.awssdk.services.apprunner.model.ServiceQuotaExceededException;

import io.connectionsconsole.support.ConsoleProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console process killed with SIGKILL in the middle of a burst of concurrent CreateConnection calls, then started
 * again on the same database: every connection whose creation was answered with 200 is there, and no Region holds
 * more connections than the quota. The database is the subclass's.
 */
abstract class AcknowledgedWritesContract {

	static final String KEY_ID = "AKIADURABILITY000001";

	static final String SECRET = "durabilitySecretKeyForTestsOnly000000000";

	static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-south-1");

	static final int QUOTA = 10;

	static final int CREATES_PER_REGION = 15;

	/** Acknowledged creates before the kill: fewer than the quota allows, so that creates are still in flight. */
	static final int KILL_AFTER = 14;

	@TempDir
	Path workingDirectory;

	/** The arguments that put the console on the database under test. */
	abstract List<String> databaseArguments();

	@Test
	void everyAcknowledgedCreateSurvivesAKillAndNoRegionHoldsMoreThanTheQuota() throws Exception {
		List<String> arguments = new ArrayList<>(databaseArguments());
		arguments.addAll(List.of("--console.admin.password=durability-password",
				"--console.admin.access-key-id=" + KEY_ID, "--console.admin.secret-access-key=" + SECRET,
				"--console.quota.connections-per-region=" + QUOTA, "--console.check.enabled=false",
				"--logging.level.root=warn"));
		Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
		REGIONS.forEach((region) -> acknowledged.put(region, ConcurrentHashMap.newKeySet()));
		AtomicInteger cutOff = new AtomicInteger();
		CountDownLatch enough = new CountDownLatch(KILL_AFTER);
		ExecutorService clientsThreads = Executors.newFixedThreadPool(12);

		try (ConsoleProcess console = ConsoleProcess.start(workingDirectory, arguments);
				AppRunnerClients clients = new AppRunnerClients(console.baseUrl())) {
			Map<String, AppRunnerClient> byRegion = new HashMap<>();
			REGIONS.forEach((region) -> byRegion.put(region, clients.signedWith(KEY_ID, SECRET, region)));
			for (int i = 0; i < CREATES_PER_REGION; i++) {
				for (String region : REGIONS) {
					String name = "burst-" + region + "-" + i;
					clientsThreads.submit(() -> {
						try {
							String arn = byRegion.get(region)
								.createConnection((r) -> r.connectionName(name).providerType(ProviderType.GITHUB))
								.connection()
								.connectionArn();
							acknowledged.get(region).add(arn);
							enough.countDown();
						}
						catch (ServiceQuotaExceededException ex) {
							// refused, as it should be past the quota
						}
						catch (SdkClientException ex) {
							cutOff.incrementAndGet();
						}
					});
				}
			}
			assertThat(enough.await(60, TimeUnit.SECONDS)).as("creates acknowledged before the kill").isTrue();
			console.kill();
			clientsThreads.shutdown();
			assertThat(clientsThreads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(cutOff).as("creates cut off by the kill").hasPositiveValue();

		try (ConsoleProcess restarted = ConsoleProcess.start(workingDirectory, arguments);
				AppRunnerClients clients = new AppRunnerClients(restarted.baseUrl())) {
			for (String region : REGIONS) {
				List<String> stored = clients.signedWith(KEY_ID, SECRET, region)
					.listConnections((r) -> { })
					.connectionSummaryList()
					.stream()
					.map(ConnectionSummary::connectionArn)
					.toList();
				assertThat(stored).as("connections in %s", region).containsAll(acknowledged.get(region));
				assertThat(stored).as("connections in %s", region).hasSizeLessThanOrEqualTo(QUOTA);
			}
		}
	}

}
