package io.connectionsconsole.session;

import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired sessions every ten minutes; a session is never served once expired, whether or not it has been
 * deleted yet. Every instance runs it: the delete finds the rows by the expiry index, and finding none costs
 * little.
 */
@Component
class ExpiredSessionCleanup {

	private final DatabaseSessionRepository sessions;

	ExpiredSessionCleanup(DatabaseSessionRepository sessions) {
		this.sessions = sessions;
	}

	@Scheduled(fixedDelay = 10, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	void run() {
		sessions.deleteExpired();
	}

}
