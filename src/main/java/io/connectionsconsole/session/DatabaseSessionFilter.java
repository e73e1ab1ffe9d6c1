package io.connectionsconsole.session;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Spring Session's filter over the database store. With {@code console.session.store=memory} it passes requests
 * through untouched, so that they keep the servlet container's sessions: a flag read when the filter is built
 * rather than a condition on the bean, so that it holds in an ahead-of-time processed build too.
 */
final class DatabaseSessionFilter extends SessionRepositoryFilter<DatabaseSession> {

	private final DatabaseSessionRepository sessions;

	private final boolean enabled;

	DatabaseSessionFilter(DatabaseSessionRepository sessions, HttpSessionIdResolver ids, boolean enabled) {
		super(sessions);
		setHttpSessionIdResolver(ids);
		this.sessions = sessions;
		this.enabled = enabled;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		if (enabled) {
			try (DatabaseSessionRepository.RequestScope scope = sessions.openRequest()) {
				super.doFilterInternal(request, response, filterChain);
			}
		}
		else {
			filterChain.doFilter(request, response);
		}
	}

}
