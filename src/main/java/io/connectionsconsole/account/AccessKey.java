package io.connectionsconsole.account;

import java.time.Instant;

/** An API access key as its owner sees it in the list: never with its secret. */
public record AccessKey(String id, Instant createdAt, Instant lastUsedAt) {
}
