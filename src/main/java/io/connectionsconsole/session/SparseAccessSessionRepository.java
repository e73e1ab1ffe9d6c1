package io.connectionsconsole.session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import io.connectionsconsole.account.ConsoleUser;

/**
 * Spring Session JDBC's repository, writing a session that a request only read at most once a minute. Spring Session
 * moves a session's last access time on every request and so writes its row on every request, pages that change
 * nothing included: under load that write was a large share of a page's CPU on the embedded H2 default, whose commits
 * reach its file before they return, and grew the database file with every page view (docs/performance.md, "What
 * each change gained"). A session whose attributes, id or timeout changed is written
 * as Spring Session writes it; one that was only read is written once its stored last access time is a minute old, so
 * that a session in use never expires, and an idle one expires at most a minute before its timeout.
 * <p>
 * A session written with a signed-in user is deleted right after if the user's access changed since they signed in
 * (their role, their password, being enabled). A change ends the user's sessions once it is committed
 * ({@link SessionsOfChangedUsers}), but a sign-in that read the user before the change and wrote its session after
 * would outlive it: checked after the write, the session is either seen by that ending or sees the change itself.
 * Checked at every write, a session is also ended within a minute of use by a change that ended it nowhere else.
 */
final class SparseAccessSessionRepository implements FindByIndexNameSessionRepository<Session> {

	static final Duration ACCESS_PRECISION = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(SparseAccessSessionRepository.class);

	private final FindByIndexNameSessionRepository<Session> sessions;

	private final Predicate<ConsoleUser> accessChanged;

	SparseAccessSessionRepository(FindByIndexNameSessionRepository<Session> sessions,
			Predicate<ConsoleUser> accessChanged) {
		this.sessions = sessions;
		this.accessChanged = accessChanged;
	}

	@Override
	public Session createSession() {
		return new TrackedSession(sessions.createSession(), null);
	}

	@Override
	public void save(Session session) {
		TrackedSession tracked = (TrackedSession) session;
		Instant stored = tracked.storedAccess;
		if (tracked.changed || stored == null
				|| !tracked.getLastAccessedTime().isBefore(stored.plus(ACCESS_PRECISION))) {
			sessions.save(tracked.session);
			tracked.changed = false;
			tracked.storedAccess = tracked.getLastAccessedTime();
			ConsoleUser user = signedIn(tracked);
			if (user != null && accessChanged.test(user) && storedBehind(tracked.getId())) {
				sessions.deleteById(tracked.getId());
				log.info("Ended a session of '{}': their access changed since they signed in", user.getUsername());
			}
		}
	}

	/**
	 * Whether the session as stored is behind the user's access too: another request of the session may have stored
	 * it signed in anew (where the user changed their own password) since this request read it.
	 */
	private boolean storedBehind(String id) {
		Session stored = sessions.findById(id);
		ConsoleUser user = (stored == null) ? null : signedIn(stored);
		return user == null || accessChanged.test(user);
	}

	/** The user signed in with the session, if any. */
	private static ConsoleUser signedIn(Session session) {
		return SessionsOfChangedUsers.userOf(
				session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY));
	}

	@Override
	public Session findById(String id) {
		Session session = sessions.findById(id);
		return session == null ? null : new TrackedSession(session, session.getLastAccessedTime());
	}

	@Override
	public void deleteById(String id) {
		sessions.deleteById(id);
	}

	@Override
	public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, Session> found = new LinkedHashMap<>();
		sessions.findByIndexNameAndIndexValue(indexName, indexValue)
			.forEach((id, session) -> found.put(id, new TrackedSession(session, session.getLastAccessedTime())));
		return found;
	}

	/** A session as Spring Session JDBC keeps it, and whether a request changed more than its last access time. */
	private static final class TrackedSession implements Session {

		private final Session session;

		private Instant storedAccess;

		private boolean changed;

		TrackedSession(Session session, Instant storedAccess) {
			this.session = session;
			this.storedAccess = storedAccess;
		}

		@Override
		public String getId() {
			return session.getId();
		}

		@Override
		public String changeSessionId() {
			changed = true;
			return session.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return session.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return session.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			changed = true;
			session.setAttribute(attributeName, attributeValue);
		}

		/** As {@link Session} has it: removing an attribute is setting it to null. */
		@Override
		public void removeAttribute(String attributeName) {
			setAttribute(attributeName, null);
		}

		@Override
		public Instant getCreationTime() {
			return session.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			session.setLastAccessedTime(lastAccessedTime);
		}

		@Override
		public Instant getLastAccessedTime() {
			return session.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			changed = true;
			session.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return session.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return session.isExpired();
		}

	}

}
