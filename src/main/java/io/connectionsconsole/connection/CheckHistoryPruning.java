package io.connectionsconsole.connection;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the health history small: every hour, checks older than 90 days and those beyond the latest 100 of a
 * connection are deleted. Running it on several console instances at once deletes nothing twice.
 */
@Component
class CheckHistoryPruning {

	private static final Logger log = LoggerFactory.getLogger(CheckHistoryPruning.class);

	private final CheckHistory history;

	CheckHistoryPruning(CheckHistory history) {
		this.history = history;
	}

	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	void run() {
		int pruned = history.prune();
		if (pruned > 0) {
			log.info("Health history: {} old checks deleted", pruned);
		}
	}

}
