package io.connectionsconsole.session;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.connectionsconsole.account.UserAccessChanged;

/**
 * Ends the sessions of a user whose access changed, once the change is committed: a disabled user, one given another
 * role or a new password by an administrator, is sent to sign in on their next request, on every console instance.
 * Sessions are found by Spring Session's principal-name index, which the JDBC store keeps in
 * {@code spring_session.principal_name}.
 * <p>
 * The session of the request that made the change is kept: it is the administrator's own, or the one in which the user
 * changed their own password (their other sessions end, in case someone else knew the old password).
 */
@Component
class SessionsOfChangedUsers {

	private static final Logger log = LoggerFactory.getLogger(SessionsOfChangedUsers.class);

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	SessionsOfChangedUsers(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	@TransactionalEventListener
	void end(UserAccessChanged change) {
		String current = currentSessionId();
		int ended = 0;
		for (String id : sessions.findByPrincipalName(change.username()).keySet()) {
			if (!id.equals(current)) {
				sessions.deleteById(id);
				ended++;
			}
		}
		log.info("Ended {} session(s) of '{}': {}", ended, change.username(), change.change());
	}

	/** The session of the request being served on this thread, if it has one. */
	private static String currentSessionId() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			HttpSession session = request.getRequest().getSession(false);
			return session == null ? null : session.getId();
		}
		return null;
	}

}
