package io.connectionsconsole.support;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Two requests at once, the other first: {@code request} starts on another thread while this one holds a lock in a
 * transaction, as a request under way does; once it waits for the lock, {@code first} runs under it and commits.
 */
public final class QueuedBehind {

	private QueuedBehind() {
	}

	public static <T> CompletableFuture<T> queuedBehind(TransactionTemplate transactions, JdbcClient jdbc, Runnable lock,
			Runnable first, Supplier<T> request) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread queued = new Thread(() -> complete(result, request));
		transactions.executeWithoutResult((status) -> {
			lock.run();
			queued.start();
			await().until(() -> waitsForALock(queued, jdbc));
			first.run();
		});
		return result;
	}

	/**
	 * Two requests at once, neither waiting for the other's lock: {@code request} runs on another thread while
	 * {@code first} has done its work in a transaction it has not committed; it commits once {@code request} waits to
	 * insert into {@code table} a key that {@code first} inserted, or has finished.
	 */
	public static <T> CompletableFuture<T> uncommittedBeside(TransactionTemplate transactions, JdbcClient jdbc,
			String table, Runnable first, Supplier<T> request) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread beside = new Thread(() -> complete(result, request));
		transactions.executeWithoutResult((status) -> {
			first.run();
			beside.start();
			// not the thread's state: waiting for a pooled connection is no sign of having met the key
			await().until(() -> result.isDone() || waitsForAPostgresLock(jdbc) || triesToInsert(table, jdbc));
		});
		return result;
	}

	private static <T> void complete(CompletableFuture<T> result, Supplier<T> request) {
		try {
			result.complete(request.get());
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(ex);
		}
	}

	/** H2 meets a key another transaction inserted and has not committed by trying the insert again until it does. */
	private static boolean triesToInsert(String table, JdbcClient jdbc) {
		try {
			return jdbc.sql("""
					SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS
					WHERE SESSION_ID <> SESSION_ID() AND LOWER(EXECUTING_STATEMENT) LIKE :insert""")
				.param("insert", "insert into " + table + " %")
				.query(Long.class)
				.single() > 0;
		}
		catch (DataAccessException ex) {
			return false; // not H2
		}
	}

	private static boolean waitsForALock(Thread queued, JdbcClient jdbc) {
		if (queued.getState() == Thread.State.TIMED_WAITING || queued.getState() == Thread.State.WAITING) {
			return true; // H2 waits for a row's lock in the JVM
		}
		return waitsForAPostgresLock(jdbc);
	}

	private static boolean waitsForAPostgresLock(JdbcClient jdbc) {
		try {
			return jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
				.query(Long.class)
				.single() > 0;
		}
		catch (DataAccessException ex) {
			return false; // not PostgreSQL
		}
	}

}
