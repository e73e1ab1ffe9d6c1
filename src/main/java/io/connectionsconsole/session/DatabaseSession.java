package io.connectionsconsole.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.UuidSessionIdGenerator;

/**
 * One request's view of a session kept by {@link DatabaseSessionRepository}. It has its own map of attributes, so
 * that it knows which ones this request set or removed and saving writes only those; the attribute objects in it
 * may be shared with concurrent requests of the same session on this instance, as they are in the servlet
 * container's sessions.
 */
final class DatabaseSession implements Session {

	private static final SessionIdGenerator IDS = UuidSessionIdGenerator.getInstance();

	private String id;

	private boolean idChanged;

	private final Instant creationTime;

	private Instant lastAccessedTime;

	private Duration maxInactiveInterval;

	private boolean maxInactiveIntervalChanged;

	private final Map<String, Object> attributes;

	private final Set<String> changedAttributes = new HashSet<>();

	/** The hash of the ID the row is stored under; {@code null} until the session is first saved. */
	private String storedIdHash;

	/** The version of the stored attributes that this session started from. */
	private long version;

	private Instant storedLastAccessedTime;

	/** A new session, not stored yet. */
	DatabaseSession(Instant now, Duration maxInactiveInterval) {
		this.id = IDS.generate();
		this.creationTime = now;
		this.lastAccessedTime = now;
		this.maxInactiveInterval = maxInactiveInterval;
		this.attributes = new HashMap<>();
	}

	/** A stored session, with a copy of the attributes of {@code version}. */
	DatabaseSession(String id, String idHash, long version, Instant creationTime, Instant lastAccessedTime,
			Duration maxInactiveInterval, Map<String, Object> attributes) {
		this.id = id;
		this.storedIdHash = idHash;
		this.version = version;
		this.creationTime = creationTime;
		this.lastAccessedTime = lastAccessedTime;
		this.storedLastAccessedTime = lastAccessedTime;
		this.maxInactiveInterval = maxInactiveInterval;
		this.attributes = new HashMap<>(attributes);
	}

	@Override
	public String getId() {
		return id;
	}

	/** Spring Security's session-fixation protection calls this at sign-in. */
	@Override
	public String changeSessionId() {
		id = IDS.generate();
		idChanged = true;
		return id;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getAttribute(String attributeName) {
		return (T) attributes.get(attributeName);
	}

	@Override
	public Set<String> getAttributeNames() {
		return Collections.unmodifiableSet(attributes.keySet());
	}

	@Override
	public void setAttribute(String attributeName, Object attributeValue) {
		if (attributeValue == null) {
			removeAttribute(attributeName);
			return;
		}
		attributes.put(attributeName, attributeValue);
		changedAttributes.add(attributeName);
	}

	@Override
	public void removeAttribute(String attributeName) {
		attributes.remove(attributeName);
		changedAttributes.add(attributeName);
	}

	@Override
	public Instant getCreationTime() {
		return creationTime;
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.lastAccessedTime = lastAccessedTime;
	}

	@Override
	public Instant getLastAccessedTime() {
		return lastAccessedTime;
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		maxInactiveIntervalChanged |= !interval.equals(maxInactiveInterval);
		this.maxInactiveInterval = interval;
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return maxInactiveInterval;
	}

	@Override
	public boolean isExpired() {
		return !lastAccessedTime.plus(maxInactiveInterval).isAfter(Instant.now());
	}

	boolean isNew() {
		return storedIdHash == null;
	}

	String storedIdHash() {
		return storedIdHash;
	}

	long version() {
		return version;
	}

	Instant storedLastAccessedTime() {
		return storedLastAccessedTime;
	}

	boolean idChanged() {
		return idChanged;
	}

	boolean maxInactiveIntervalChanged() {
		return maxInactiveIntervalChanged;
	}

	/** All attributes, as this request sees them. */
	Map<String, Object> attributes() {
		return Collections.unmodifiableMap(attributes);
	}

	boolean attributesChanged() {
		return !changedAttributes.isEmpty();
	}

	/** The attributes this request set, by name, and those it removed, with {@code null}. */
	Map<String, Object> changedAttributes() {
		Map<String, Object> changes = new HashMap<>();
		for (String name : changedAttributes) {
			changes.put(name, attributes.get(name));
		}
		return changes;
	}

	/** Records what is now stored: saving again writes only what changes from here on. */
	void stored(String idHash, long version, Instant lastAccessedTime) {
		this.storedIdHash = idHash;
		this.version = version;
		this.storedLastAccessedTime = lastAccessedTime;
		this.idChanged = false;
		this.maxInactiveIntervalChanged = false;
		this.changedAttributes.clear();
	}

}
