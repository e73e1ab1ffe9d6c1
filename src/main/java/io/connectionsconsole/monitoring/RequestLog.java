package io.connectionsconsole.monitoring;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

import io.connectionsconsole.region.CurrentRegion;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.web.FilterOrder;
import io.connectionsconsole.web.RequestPaths;

/**
 * The console's access log: one line per request, written once the answer is complete, with its method, route (the
 * mapped pattern such as {@code /connections/{id}/check}), path, status and duration, and who asked: user, account,
 * Region and, on the API, the operation. The request's id is in the MDC for every line the request logs, and is the
 * {@code x-amzn-RequestId} that the API answers with. Nothing else of the request is written (no header, cookie,
 * query string or body), so that no token, OAuth code, password or session id reaches the log this way; a path that
 * carries a secret, a shared handshake link's, is written with the secret masked.
 *
 * <p>It runs before Spring Security, so that requests Security refuses (a sign-in redirect, a CSRF refusal) have
 * their line too; who asked is filled in as it becomes known, by {@link #identify} from the places that know.
 */
@Component
@Order(FilterOrder.REQUEST_LOG)
public final class RequestLog extends OncePerRequestFilter implements ServletRequestListener {

	/** MDC keys, named as in the Elastic Common Schema. */
	public static final String REQUEST_ID = "http.request.id";

	public static final String USER = "user.name";

	public static final String ACCOUNT = "cloud.account.id";

	public static final String REGION = "cloud.region";

	/** The API operation, such as {@code CreateConnection}. */
	public static final String ACTION = "event.action";

	/** How a request ended where its status doesn't say: a Git request's outcome, such as {@code cut-off}. */
	public static final String REASON = "event.reason";

	/** The request attribute holding the request's id, for answers that carry it. */
	public static final String REQUEST_ID_ATTRIBUTE = RequestLog.class.getName() + ".requestId";

	private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

	/** A handshake link, whose last segment is its secret: written as {@code /connections/handshake/link/****}. */
	private static final Pattern SECRET_IN_PATH = Pattern.compile("(?i)(/connections/handshake/link/).*");

	/** The same path as the servlet container matched it: decoded, without path parameters and dot segments. */
	private static final Pattern LINK_PATH = Pattern.compile("/connections/handshake/link/");

	private final RegionCatalogue regions;

	RequestLog(RegionCatalogue regions) {
		this.regions = regions;
	}

	/** Names who a request acts for, in this request's log lines from now on. */
	public static void identify(String user, String account) {
		MDC.put(USER, user);
		MDC.put(ACCOUNT, account);
	}

	/** Names the Region a request acts in. */
	public static void region(String region) {
		MDC.put(REGION, region);
	}

	/** Names the API operation a request asks for. */
	public static void action(String action) {
		MDC.put(ACTION, action);
	}

	/** Names how a request ended, written after its status. */
	public static void reason(String reason) {
		MDC.put(REASON, reason);
	}

	/**
	 * The error page of a request is rendered in a dispatch of its own (an include, for an answer already under way),
	 * which logs under the request's id too.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		clear();
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			Object requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE);
			if (requestId != null) {
				MDC.put(REQUEST_ID, requestId.toString());
			}
			try {
				chain.doFilter(request, response);
			}
			finally {
				clear();
			}
			return;
		}
		long started = System.nanoTime();
		String requestId = UUID.randomUUID().toString();
		request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
		MDC.put(REQUEST_ID, requestId);
		boolean failed = true;
		try {
			chain.doFilter(request, response);
			failed = false;
		}
		finally {
			try {
				if (log.isInfoEnabled()) {
					write(request, failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus(),
							System.nanoTime() - started);
				}
			}
			finally {
				// A request that failed keeps its id for the line the container writes of the failure next, and
				// loses it once the container is done with the request (requestDestroyed).
				if (!failed) {
					clear();
				}
			}
		}
	}

	/** The end of a request, once the container has written what it writes of a failure and its error page. */
	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		clear();
	}

	private static void clear() {
		List.of(REQUEST_ID, USER, ACCOUNT, REGION, ACTION, REASON).forEach(MDC::remove);
	}

	private void write(HttpServletRequest request, int status, long nanos) {
		if (MDC.get(REGION) == null) {
			// The Region a page showed, else the region of its query string: never a body's parameter, which would
			// read a body the request's handler left unread (a refusal's), at whatever pace its client sends it. Only
			// a configured code is written, never raw input.
			Object shown = request.getAttribute(CurrentRegion.REQUEST_ATTRIBUTE);
			String region = shown instanceof String code ? code
					: UriComponentsBuilder.newInstance()
						.query(request.getQueryString())
						.build()
						.getQueryParams()
						.getFirst("region");
			if (region != null && regions.contains(region)) {
				MDC.put(REGION, region);
			}
		}
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String route = (pattern != null) ? pattern.toString() : null;
		String path = SECRET_IN_PATH.matcher(request.getRequestURI()).replaceFirst("$1****");
		if (LINK_PATH.matcher(RequestPaths.matched(request)).lookingAt()) {
			// the link's path however it was written (encoded, with path parameters or dot segments): none of it is
			// written
			path = request.getContextPath() + "/connections/handshake/link/****";
		}
		String action = MDC.get(ACTION);
		String reason = MDC.get(REASON);
		LoggingEventBuilder line = log.atInfo().addKeyValue("http.request.method", request.getMethod());
		if (route != null) {
			line = line.addKeyValue("http.route", route);
		}
		line.addKeyValue("url.path", path)
			.addKeyValue("http.response.status_code", status)
			.addKeyValue("event.duration", nanos)
			.log("{} {}{} {} {} ms{}", request.getMethod(), (route != null) ? route : path,
					(action != null) ? " " + action : "", status, nanos / 1_000_000,
					(reason != null) ? " " + reason : "");
	}

}
