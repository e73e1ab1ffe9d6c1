package io.connectionsconsole.provider;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import io.connectionsconsole.connection.Connection;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.connection.ConnectionStatus;
import io.connectionsconsole.connection.ProviderTokens;
import io.connectionsconsole.connection.ProviderType;
import io.connectionsconsole.support.HandshakeTest;
import io.connectionsconsole.support.HandshakeTestBase;
import io.connectionsconsole.web.Flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

/**
 * The tokens a refresh returned, when the database fails to store them at first: written again, so that the rotated
 * refresh token, the only one the provider still takes, is not lost with the connection's authorization.
 */
@HandshakeTest
class RefreshedTokensStoreTest extends HandshakeTestBase {

	@MockitoSpyBean
	ConnectionService spiedConnections;

	@Test
	void refreshedTokensTheDatabaseFailedToStoreAreStoredAtTheNextTry() throws Exception {
		Connection connection = availableConnection("bb-stored-late", ProviderType.BITBUCKET);
		ProviderTokens before = connections.credentialsForCheck(caller, connection.id()).tokens();
		expireStoredToken(connection);
		fake.bitbucket().expireAccessTokens();
		doThrow(new CannotGetJdbcConnectionException("the pool had no connection in time")).doCallRealMethod()
			.when(spiedConnections)
			.storeRefreshedTokens(any(), any());

		checkFromList(connection)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "bb-stored-late")));

		ProviderTokens after = connections.credentialsForCheck(caller, connection.id()).tokens();
		assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
		assertThat(fake.bitbucket().refreshTokenActive(after.refreshToken())).as("the one the provider takes now").isTrue();
		assertThat(connections.get(caller, connection.id()).status()).isEqualTo(ConnectionStatus.AVAILABLE);
	}

}
