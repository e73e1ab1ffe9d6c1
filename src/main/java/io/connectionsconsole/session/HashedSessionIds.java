package io.connectionsconsole.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.HttpSessionIdResolver;

import io.connectionsconsole.crypto.RandomSecrets;
import io.connectionsconsole.crypto.Sha256;

/**
 * Keeps session IDs out of the database: the {@code SESSION} cookie carries a random secret, and Spring Session
 * JDBC stores and looks up the session under the secret's SHA-256. Someone who reads the database (or a backup of
 * it) learns no ID to sign in with.
 * <p>
 * Spring Session asks this generator for a new ID when it creates a session or changes its ID at sign-in, and asks
 * the resolver to write the cookie at the end of that same request, on the same thread: the secret waits here,
 * under its hash, until then, and no longer than its request (a servlet request listener, so that the error page of a
 * failed request is within it).
 */
final class HashedSessionIds implements HttpSessionIdResolver, SessionIdGenerator, ServletRequestListener {

	/** A handful of IDs at most are new in one request; older entries belong to sessions that were never written. */
	private static final int PENDING_PER_THREAD = 4;

	/** Spring Session writes the cookie of a new session when the response commits, and again at the end. */
	private static final String WRITTEN = HashedSessionIds.class.getName() + ".written";

	private static final ThreadLocal<Map<String, String>> PENDING = ThreadLocal.withInitial(() -> new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > PENDING_PER_THREAD;
		}

	});

	private final CookieHttpSessionIdResolver cookies;

	private final StringKeyGenerator secrets = RandomSecrets.urlSafe();

	HashedSessionIds(CookieHttpSessionIdResolver cookies) {
		this.cookies = cookies;
	}

	@Override
	public String generate() {
		String secret = secrets.generateKey();
		String id = Sha256.hex(secret);
		PENDING.get().put(id, secret);
		return id;
	}

	@Override
	public List<String> resolveSessionIds(HttpServletRequest request) {
		return cookies.resolveSessionIds(request).stream().map(Sha256::hex).toList();
	}

	@Override
	public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
		if (sessionId.equals(request.getAttribute(WRITTEN))) {
			return;
		}
		String secret = PENDING.get().remove(sessionId);
		if (secret == null) {
			throw new IllegalStateException("The session's secret is no longer known: its cookie can't be written");
		}
		cookies.setSessionId(request, response, secret);
		forget(request, secret);
		request.setAttribute(WRITTEN, sessionId);
	}

	/**
	 * Spring Session's cookie resolver remembers the value it wrote in a request attribute, where the rest of the
	 * request, its error page included, could read the secret; {@code WRITTEN} does that job here, under the hash.
	 */
	private static void forget(HttpServletRequest request, String secret) {
		for (String name : Collections.list(request.getAttributeNames())) {
			if (secret.equals(request.getAttribute(name))) {
				request.removeAttribute(name);
			}
		}
	}

	/** The secrets of IDs made in this request and never written: a session whose ID changed again, or that failed. */
	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		PENDING.remove();
	}

	@Override
	public void expireSession(HttpServletRequest request, HttpServletResponse response) {
		cookies.expireSession(request, response);
	}

}
