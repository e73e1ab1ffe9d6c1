package io.connectionsconsole.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bucket4j's buckets in the {@code sign_in_throttle} table, shared by every console instance on the database. Bucket4j
 * offers JDBC proxy managers for PostgreSQL but none for H2; its compare-and-swap proxy manager over this table works
 * on both: a bucket's new state is written only where the row still holds the state it was computed from, and Bucket4j
 * retries otherwise. Sign-ins and current-password checks run outside any transaction, so that each statement commits
 * on its own; an administrator's clearing of a user name runs in theirs, and commits with its audit event.
 */
final class SignInThrottleStates extends AbstractCompareAndSwapBasedProxyManager<String> {

	private final JdbcClient jdbc;

	SignInThrottleStates(JdbcClient jdbc, ClientSideConfig config) {
		super(config);
		this.jdbc = jdbc;
	}

	@Override
	protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
		return new CompareAndSwapOperation() {

			@Override
			public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
				return jdbc.sql("SELECT state FROM sign_in_throttle WHERE bucket_key = :key")
					.param("key", key)
					.query((rs, n) -> rs.getBytes("state"))
					.optional();
			}

			@Override
			public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
					Optional<Long> timeoutNanos) {
				Instant expiresAt = expiry(newState);
				if (originalData == null) {
					try {
						return jdbc.sql("""
								INSERT INTO sign_in_throttle (bucket_key, state, expires_at)
								VALUES (:key, :state, :expires)""")
							.param("key", key)
							.param("state", newData)
							.param("expires", expiresAt.atOffset(ZoneOffset.UTC))
							.update() == 1;
					}
					catch (DuplicateKeyException ex) {
						return false;
					}
				}
				return jdbc.sql("""
						UPDATE sign_in_throttle SET state = :state, expires_at = :expires
						WHERE bucket_key = :key AND state = :original""")
					.param("state", newData)
					.param("expires", expiresAt.atOffset(ZoneOffset.UTC))
					.param("key", key)
					.param("original", originalData)
					.update() == 1;
			}

		};
	}

	@Override
	protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
		throw new UnsupportedOperationException("Sign-in throttling reads its buckets synchronously");
	}

	@Override
	public void removeProxy(String key) {
		jdbc.sql("DELETE FROM sign_in_throttle WHERE bucket_key = :key").param("key", key).update();
	}

	@Override
	protected CompletableFuture<Void> removeAsync(String key) {
		throw new UnsupportedOperationException("Sign-in throttling removes its buckets synchronously");
	}

	@Override
	public boolean isAsyncModeSupported() {
		return false;
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

	/** Forgets the buckets that have refilled: a bucket that is not there allows every attempt. */
	int removeExpired(Instant now) {
		return jdbc.sql("DELETE FROM sign_in_throttle WHERE expires_at < :now")
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update();
	}

	private Instant expiry(RemoteBucketState state) {
		long nowNanos = currentTimeNanos();
		long ttlMillis = getClientSideConfig().getExpirationAfterWriteStrategy()
			.orElseThrow()
			.calculateTimeToLiveMillis(state, nowNanos);
		return Instant.ofEpochSecond(0, nowNanos).plusMillis(ttlMillis);
	}

}
