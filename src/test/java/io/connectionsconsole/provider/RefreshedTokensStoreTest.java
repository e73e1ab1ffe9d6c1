package io.connectionsconsole.provider;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
import static org.mockito.Mockito.doAnswer;
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

	@Autowired
	PlatformTransactionManager transactions;

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

	/**
	 * While its tokens are being stored, the caller that refreshed them keeps the refresh lock: no other caller may take
	 * it and refresh with the refresh token the provider took already.
	 */
	@Test
	void theRefreshLockIsExtendedBeforeEachTryToStoreTheTokens() throws Exception {
		Connection connection = availableConnection("bb-lock-kept", ProviderType.BITBUCKET);
		expireStoredToken(connection);
		fake.bitbucket().expireAccessTokens();
		String lock = "token-refresh-" + connection.id().value();
		List<Long> secondsLeft = new ArrayList<>();
		doAnswer((invocation) -> {
			secondsLeft.add(lockSecondsLeft(lock));
			// the first try took the lock's time: a second of it is left (written beside the try's transaction, which
			// rolls back)
			TransactionTemplate beside = new TransactionTemplate(transactions);
			beside.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			beside.executeWithoutResult((status) -> jdbc
				.sql("UPDATE shedlock SET lock_until = DATEADD('SECOND', 1, CURRENT_TIMESTAMP) WHERE name = :name")
				.param("name", lock)
				.update());
			throw new CannotGetJdbcConnectionException("the pool had no connection in time");
		}).doAnswer((invocation) -> {
			secondsLeft.add(lockSecondsLeft(lock));
			return invocation.callRealMethod();
		}).when(spiedConnections).storeRefreshedTokens(any(), any());

		checkFromList(connection)
			.andExpect(flash().attribute(Flash.ATTRIBUTE, new Flash("success", "flash.check.OK", "bb-lock-kept")));

		assertThat(secondsLeft).hasSize(2).allSatisfy((left) -> assertThat(left).isGreaterThan(20));
		assertThat(lockSecondsLeft(lock)).as("let go after").isLessThanOrEqualTo(0);
	}

	private long lockSecondsLeft(String lock) {
		Timestamp until = jdbc.sql("SELECT lock_until FROM shedlock WHERE name = :name").param("name", lock)
			.query(Timestamp.class)
			.single();
		Timestamp now = jdbc.sql("SELECT CURRENT_TIMESTAMP").query(Timestamp.class).single();
		return (until.getTime() - now.getTime()) / 1000;
	}

}
