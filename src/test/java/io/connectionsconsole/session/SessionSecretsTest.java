package io.connectionsconsole.session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.SessionIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's plain secret, which only its cookie carries, is gone from the console once the request that made it
 * ends: a request that fails after starting a session, and ends on the error page, included.
 */
@ConsoleTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import({ SessionSecretsTest.FailureAfterASessionStarts.class, SessionSecretsTest.EndOfRequest.class })
class SessionSecretsTest {

	static final String PATH = "/session-then-failure";

	/** The ID the session had before it was changed: its secret was made, and never written to a cookie. */
	static final String FIRST_ID = SessionSecretsTest.class.getName() + ".firstId";

	@LocalServerPort
	int port;

	@Autowired
	EndOfRequest endOfRequest;

	@Test
	void aRequestThatFailsAfterStartingASessionKeepsNoPlainSecretThroughItsErrorPageOrAfter() throws Exception {
		HttpResponse<String> failed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH)).header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).contains("<h1>Something went wrong</h1>");
		String cookie = failed.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("SESSION="))
			.findFirst()
			.orElseThrow();
		String secret = SessionIds.fromCookie(cookie.substring("SESSION=".length(), cookie.indexOf(';')));

		Ended ended = endOfRequest.ended.get(10, TimeUnit.SECONDS);

		assertThat(ended.attributeValues()).as("the request's attributes once it ended").doesNotContain(secret);
		assertThat(ended.firstIdsCookie()).as("a cookie for the unwritten first ID, after the request").isNull();
	}

	/** A request that starts a session, changes its ID, and fails: the console answers with its error page. */
	static class FailureAfterASessionStarts extends OncePerRequestFilter implements Ordered {

		@Override
		public int getOrder() {
			return SessionRepositoryFilter.DEFAULT_ORDER + 1;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !PATH.equals(request.getRequestURI());
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
			request.setAttribute(FIRST_ID, request.getSession().getId());
			request.changeSessionId();
			throw new IllegalStateException("Failed after the session started");
		}

	}

	/**
	 * What is left of that request once it has ended, its error page included. Registered before the console's own
	 * listeners, so that the servlet container tells it last.
	 */
	static class EndOfRequest implements ServletRequestListener, Ordered {

		final CompletableFuture<Ended> ended = new CompletableFuture<>();

		private final HashedSessionIds ids;

		EndOfRequest(HashedSessionIds ids) {
			this.ids = ids;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void requestDestroyed(ServletRequestEvent event) {
			HttpServletRequest request = (HttpServletRequest) event.getServletRequest();
			if (!(request.getAttribute(FIRST_ID) instanceof String firstId)) {
				return;
			}
			List<Object> values = Collections.list(request.getAttributeNames())
				.stream()
				.map(request::getAttribute)
				.toList();
			ended.complete(new Ended(values, firstIdsCookie(request, firstId)));
		}

		/** Asks for the cookie of the first ID, which the console could write only while it still knew its secret. */
		private String firstIdsCookie(HttpServletRequest request, String firstId) {
			MockHttpServletResponse probe = new MockHttpServletResponse();
			try {
				ids.setSessionId(request, probe, firstId);
			}
			catch (IllegalStateException ex) {
				return null;
			}
			return probe.getHeader("Set-Cookie");
		}

	}

	record Ended(List<Object> attributeValues, String firstIdsCookie) {
	}

}
