package io.connectionsconsole.host;

/**
 * Where a host stands: {@code PENDING} until the console has reached the server and found it to be what it says,
 * {@code AVAILABLE} once it has, {@code ERROR} when it couldn't (the reason is kept, and *Retry* asks again);
 * {@code DELETED} is history.
 */
public enum HostStatus {

	PENDING, AVAILABLE, ERROR, DELETED

}
