package io.connectionsconsole.audit;

import java.time.Instant;

/** One thing that happened in an account: who did what to which resource. */
public record AuditEvent(long id, Instant occurredAt, String actor, String action, String resource, String detail) {
}
