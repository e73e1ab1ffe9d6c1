package io.connectionsconsole.audit;

import java.time.Instant;
import java.util.List;

/** One thing that happened in an account: who did what to which resource. */
public record AuditEvent(long id, Instant occurredAt, String actor, String action, String resource, String detail) {

	/**
	 * The detail in the parts it lists, such as tag keys, split where it says ", ": the page shows each part isolated
	 * from the others (a tag key written backwards turns no other around) and joins them with ", " again.
	 */
	public List<String> detailParts() {
		return detail == null ? List.of() : List.of(detail.split(", ", -1));
	}

}
