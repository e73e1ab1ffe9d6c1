package io.connectionsconsole.handshake;

import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the handshake links small: every hour, on one console instance of the cluster at a time, the links used or
 * expired more than {@code HandshakeLinkService.KEPT_WHEN_SPENT} ago are deleted.
 */
@Component
class HandshakeLinkPruning {

	private static final Logger log = LoggerFactory.getLogger(HandshakeLinkPruning.class);

	private final HandshakeLinkService links;

	HandshakeLinkPruning(HandshakeLinkService links) {
		this.links = links;
	}

	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
	@SchedulerLock(name = "handshake-link-pruning", lockAtLeastFor = "PT55M", lockAtMostFor = "PT55M")
	void run() {
		int pruned = links.pruneSpent();
		if (pruned > 0) {
			log.info("Handshake links: {} used or expired links deleted", pruned);
		}
	}

}
