package io.connectionsconsole.provider;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.ProviderType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Every provider type has exactly one client, or the console doesn't start. */
class ProvidersTest {

	private final ConsoleProperties console = new Binder(new MapConfigurationPropertySource()).bindOrCreate("console",
			ConsoleProperties.class);

	private final ProviderApi api = new ProviderApi(new ProviderHttp(console));

	@Test
	void eachTypeFindsItsOwnClient() {
		Providers providers = new Providers(
				List.of(new GitLabClient(console), new BitbucketClient(console), new GitHubClient(console)), api, null);
		for (ProviderType type : ProviderType.values()) {
			assertThat(providers.client(type).type()).isEqualTo(type);
		}
		assertThat(providers.all()).extracting(ProviderClient::type).containsExactly(ProviderType.values());
	}

	@Test
	void aTypeWithoutItsClientStopsTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Providers(List.of(new GitHubClient(console), new GitLabClient(console)), api, null))
			.withMessageContaining("BITBUCKET");
	}

	@Test
	void twoClientsForOneTypeStopTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Providers(
					List.of(new GitHubClient(console), new GitHubClient(console), new BitbucketClient(console),
							new GitLabClient(console)), api, null))
			.withMessageContaining("GITHUB");
	}

}
