package io.connectionsconsole.session;

import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.connectionsconsole.account.AccountService;
import io.connectionsconsole.account.ConsoleUser;
import io.connectionsconsole.account.UserAccessChanged;

/**
 * Ends the sessions of a user whose access changed, once the change is committed: a disabled user, one given another
 * role or a new password by an administrator, is sent to sign in on their next request, on every console instance.
 * Sessions are found by Spring Session's principal-name index, which the JDBC store keeps in
 * {@code spring_session.principal_name}.
 * <p>
 * The session of the request that made the change is kept: it is the administrator's own, or the one in which the user
 * changed their own password (their other sessions end, in case someone else knew the old password), which takes the
 * user's new access version so that it is not ended as behind it ({@link SparseAccessSessionRepository}).
 */
@Component
class SessionsOfChangedUsers {

	private static final Logger log = LoggerFactory.getLogger(SessionsOfChangedUsers.class);

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final AccountService accounts;

	SessionsOfChangedUsers(FindByIndexNameSessionRepository<? extends Session> sessions, AccountService accounts) {
		this.sessions = sessions;
		this.accounts = accounts;
	}

	/** First of what runs once a change is committed, so that nothing else of the request meets a session behind it. */
	@TransactionalEventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void end(UserAccessChanged change) {
		HttpSession current = currentSession();
		String currentId = current == null ? null : current.getId();
		int ended = 0;
		for (String id : sessions.findByPrincipalName(change.username()).keySet()) {
			if (!id.equals(currentId)) {
				sessions.deleteById(id);
				ended++;
			}
		}
		if (current != null && change.change() == UserAccessChanged.Change.PASSWORD_CHANGED) {
			keepUpToDate(current, change);
		}
		log.info("Ended {} session(s) of '{}': {}", ended, change.username(), change.change());
	}

	/** The session in which the user changed their own password, signed in with their new access version. */
	private void keepUpToDate(HttpSession session, UserAccessChanged change) {
		Object stored = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		ConsoleUser user = userOf(stored);
		if (user == null || !user.getUsername().equals(change.username())) {
			return;
		}
		long version = accounts.accessVersion(user);
		if (version != user.accessVersion() + 1) {
			// behind before this change too (a change that ended no session): it ends when it is next written
			return;
		}
		Authentication before = ((SecurityContext) stored).getAuthentication();
		ConsoleUser updated = user.withAccessVersion(version);
		UsernamePasswordAuthenticationToken after = UsernamePasswordAuthenticationToken.authenticated(updated, null,
				before.getAuthorities());
		after.setDetails(before.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(after);
		SecurityContextHolder.setContext(context);
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
		storeNow(sessions, session.getId(), context);
	}

	/**
	 * Stores the session signed in anew at once, rather than when its request ends: another request of the session
	 * (another tab, an htmx call) that writes it meanwhile finds it up to date as stored, and doesn't end it.
	 */
	private static <S extends Session> void storeNow(FindByIndexNameSessionRepository<S> sessions, String id,
			SecurityContext context) {
		S stored = sessions.findById(id);
		if (stored != null) {
			stored.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
			sessions.save(stored);
		}
	}

	/** The user signed in with a session's security context, if any. */
	static ConsoleUser userOf(Object securityContext) {
		if (securityContext instanceof SecurityContext context && context.getAuthentication() != null
				&& context.getAuthentication().getPrincipal() instanceof ConsoleUser user) {
			return user;
		}
		return null;
	}

	/** The session of the request being served on this thread, if it has one. */
	private static HttpSession currentSession() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			return request.getRequest().getSession(false);
		}
		return null;
	}

}
