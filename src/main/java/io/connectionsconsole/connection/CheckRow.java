package io.connectionsconsole.connection;

/**
 * One check in a connection's health history, ready to show: when (machine-readable and as text), why, its outcome as
 * a status indicator ({@code status} is its style, {@code statusText} its word), the reason, and who asked.
 */
public record CheckRow(String atIso, String at, String trigger, String status, String statusText, String reason,
		String actor) {
}
