package io.connectionsconsole.connection;

/** Published when a connection is deleted, for what keeps data of it outside the database. */
public record ConnectionDeleted(ConnectionId id) {
}
