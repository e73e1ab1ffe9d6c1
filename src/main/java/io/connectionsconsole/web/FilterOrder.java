package io.connectionsconsole.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;

/**
 * The order of every servlet filter a request passes, lowest first, in one place: the console's own filters take their
 * order from here, and Spring's are named here at the order Spring gives them, so that each of ours reads against its
 * neighbours. {@code FilterOrderTest} checks the registered filters against this list; docs/architecture.md tells the
 * way through them. Filters inside Spring Security's chain, such as the sign-in throttle's, take their place there,
 * in {@code SecurityConfiguration}.
 */
public final class FilterOrder {

	/** Spring Boot's {@code CharacterEncodingFilter}: UTF-8 before anything reads a parameter. */
	public static final int CHARACTER_ENCODING = Ordered.HIGHEST_PRECEDENCE;

	/** Spring Boot's {@code ServerHttpObservationFilter}: times the request for {@code http_server_requests}. */
	public static final int OBSERVATION = Ordered.HIGHEST_PRECEDENCE + 1;

	/**
	 * {@code web/PageAdmission}: a page request waits its turn before the console does any work for it, since that work
	 * (the request id, the session, the CSRF token) takes locks that the pages in turn share.
	 */
	public static final int PAGE_ADMISSION = Ordered.HIGHEST_PRECEDENCE + 2;

	/**
	 * {@code monitoring/RequestLog}: gives the request its id and writes its line. Early, so that a request refused by
	 * the body limits or by Spring Security has its line too, and inside the observation so both see the same request.
	 */
	public static final int REQUEST_LOG = Ordered.HIGHEST_PRECEDENCE + 3;

	/**
	 * {@code web/UnreadableParameters}: a query string that can't be decoded is a request not valid wherever its
	 * parameters are first read; inside the request log, which writes its 400.
	 */
	public static final int UNREADABLE_PARAMETERS = Ordered.HIGHEST_PRECEDENCE + 4;

	/**
	 * {@code security/RequestBodyFilter}: reads a console body whole within its limits, or refuses it, before the
	 * session is loaded or any sign-in or CSRF check reads a parameter.
	 */
	public static final int REQUEST_BODY = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * Spring Session's {@code SessionRepositoryFilter} at its default ({@code spring.session.servlet.filter-order}): the session from the database, after the body
	 * limits so that a refused body costs no database read.
	 */
	public static final int SESSION = Ordered.HIGHEST_PRECEDENCE + 50;

	/** Spring Boot's {@code FormContentFilter}: form bodies of PUT, PATCH and DELETE. */
	public static final int FORM_CONTENT = -9900;

	/** Spring Boot's {@code RequestContextFilter}: the request bound to the thread for Spring. */
	public static final int REQUEST_CONTEXT = -105;

	/**
	 * {@code handshake/HandshakeLinkFilter}: just before Spring Security, so that a shared link's secret is sealed in a
	 * cookie and gone from the URL before Security could save the request or anything could log it.
	 */
	public static final int HANDSHAKE_LINK = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1;

	/** Spring Security's filter chains ({@code security/SecurityConfiguration}). */
	public static final int SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER;

	/**
	 * {@code security/ErrorPageHeaders}, on error dispatches only: just after Spring Security, whose header writer
	 * skips them, so that an error page of a request Security never saw has its headers too.
	 */
	public static final int ERROR_PAGE_HEADERS = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

	/**
	 * Spring Boot's {@code ResourceUrlEncodingFilter}: links to static resources and webjars written with their
	 * versioned path. It ties with {@link #DIRECT_ERROR_REQUESTS}, and Boot registers it first; either order serves,
	 * since one rewrites links in an answer and the other answers only a request that has no page.
	 */
	public static final int RESOURCE_URL_ENCODING = Ordered.LOWEST_PRECEDENCE;

	/**
	 * {@code web/DirectErrorRequests}: last, since it answers only {@code /error} asked for directly, and such a request
	 * should still be logged, limited and checked by Security like any other.
	 */
	public static final int DIRECT_ERROR_REQUESTS = Ordered.LOWEST_PRECEDENCE;

	private FilterOrder() {
	}

}
