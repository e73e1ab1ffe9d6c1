package io.connectionsconsole.provider;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.connectionsconsole.account.AccountId;
import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionId;
import io.connectionsconsole.connection.ConnectionName;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.host.Host;
import io.connectionsconsole.host.HostDeleted;
import io.connectionsconsole.host.HostName;
import io.connectionsconsole.host.HostService;
import io.connectionsconsole.host.HostStatus;
import io.connectionsconsole.host.HostType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** Every provider type has exactly one client, or the console doesn't start; a host's client lives as long as the host. */
class ProvidersTest {

	private final ConsoleProperties console = new Binder(new MapConfigurationPropertySource()).bindOrCreate("console",
			ConsoleProperties.class);

	private final ProviderApi api = new ProviderApi(new ProviderHttp(console));

	private Providers providers(HostService hosts) {
		return new Providers(List.of(new GitLabClient(console), new BitbucketClient(console), new GitHubClient(console)),
				api, hosts);
	}

	private static Host gitLabHost(String id) {
		return new Host(id, AccountId.of("111122223333"), "us-west-2", HostName.of("corp-gitlab"),
				HostType.GITLAB_SELF_MANAGED, URI.create("https://gitlab.example.com"), false, "client", null,
				HostStatus.AVAILABLE, null, Instant.EPOCH, Instant.EPOCH);
	}

	private static Connection through(Host host) {
		return new Connection(ConnectionId.random(), host.accountId(), "us-west-2", ConnectionName.of("through-host"),
				ProviderType.GITLAB, ConnectionStatus.AVAILABLE, Instant.EPOCH, null, null, null, null, host.id());
	}

	@Test
	void eachTypeFindsItsOwnClient() {
		Providers providers = providers(null);
		for (ProviderType type : ProviderType.values()) {
			assertThat(providers.client(type).type()).isEqualTo(type);
		}
		assertThat(providers.all()).extracting(ProviderClient::type).containsExactly(ProviderType.values());
	}

	@Test
	void aHostsClientIsMadeOnceAndForgottenWhenTheHostIsDeleted() {
		HostService hosts = mock(HostService.class);
		Host host = gitLabHost("h1");
		Connection through = through(host);
		given(hosts.oauthClient(host.id())).willReturn(Optional.of(new HostService.OAuthClient(host, "secret")))
			.willReturn(Optional.empty());
		Providers providers = providers(hosts);

		ProviderClient made = providers.client(through);
		assertThat(providers.client(through)).isSameAs(made);
		verify(hosts, times(1)).oauthClient(host.id());

		providers.forget(new HostDeleted(host.id()));
		assertThatIllegalStateException().isThrownBy(() -> providers.client(through))
			.withMessageContaining("Host h1 of " + through.arn() + " is gone");
	}

	@Test
	void aHostWhoseNameResolvesToALoopbackAddressSinceItWasCreatedIsNotCalled() {
		HostService hosts = mock(HostService.class);
		Host host = gitLabHost("h2");
		Connection through = through(host);
		given(hosts.oauthClient(host.id())).willReturn(Optional.of(new HostService.OAuthClient(host, "secret")));
		Providers providers = providers(hosts);
		assertThat(providers.client(through).type()).isEqualTo(ProviderType.GITLAB);

		given(hosts.refusedAddress(host.url())).willReturn(Optional.of("gitlab.example.com resolves to 127.0.0.1"));

		assertThatExceptionOfType(ProviderCallException.class).isThrownBy(() -> providers.client(through))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProviderCallException.Kind.UNREACHABLE))
			.withMessage("gitlab.example.com resolves to 127.0.0.1");
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
