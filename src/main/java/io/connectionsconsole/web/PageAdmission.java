package io.connectionsconsole.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * Page requests (GET and HEAD) are worked on a few at a time, in the order they arrived: a fair {@link Bulkhead} of
 * {@code console.pages.concurrency} turns, one per processor by default. A request that has waited
 * {@code console.pages.max-wait} runs anyway, so a turn held for long costs the others that wait at most. Left out:
 * requests with a body (it may trickle in), static files and webjars, and the pages that wait on something slower
 * than the console, which the packages serving them declare as {@link LeftOut} beans. API calls, whose body may
 * trickle in too, take their turn once it is read ({@link #inTurn}).
 * <p>
 * Why, a product decision: without turns, under load, the virtual-thread scheduler left some requests waiting for
 * seconds (a thread woken from a lock or a timed wait queued behind the carriers' own work), while the others were
 * served in a millisecond; with turns, no request waits long and all wait about as long (docs/performance.md, "Page
 * p99 and the order of requests"). {@code http_server_requests} times the wait with the work, the request log the work
 * alone; {@code console.pages.waited.out} counts the requests that ran without their turn.
 */
public class PageAdmission extends OncePerRequestFilter {

	private final Bulkhead turns;

	private final List<PathPattern> leftOut;

	private final Counter waitedOut;

	/** {@code leftOut}: path patterns, as in {@code @GetMapping}, whose pages don't take turns. */
	PageAdmission(int concurrency, Duration maxWait, Counter waitedOut, List<String> leftOut) {
		this.turns = Bulkhead.of("pages", BulkheadConfig.custom()
			.maxConcurrentCalls(concurrency)
			.maxWaitDuration(maxWait)
			.fairCallHandlingStrategyEnabled(true)
			.build());
		this.leftOut = leftOut.stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.waitedOut = waitedOut;
	}

	/** Whether {@code request} waits its turn. */
	public boolean takesTurn(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			return false;
		}
		// a GET with a body reads it first, at its client's pace: it may not do so holding a turn
		if (request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			return false;
		}
		PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		return leftOut.stream().noneMatch((pattern) -> pattern.matches(path));
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !takesTurn(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean admitted = awaitTurn();
		try {
			chain.doFilter(request, response);
		}
		finally {
			endTurn(admitted);
		}
	}

	/**
	 * Runs an API call's {@code work} in its turn with the pages. The API reads its body first, outside any turn (it
	 * may trickle in), and then calls this, so that a burst of calls neither waits behind the scheduler's own order nor
	 * keeps the pages waiting longer than its place in the queue.
	 */
	public <T> T inTurn(Supplier<T> work) {
		boolean admitted = awaitTurn();
		try {
			return work.get();
		}
		finally {
			endTurn(admitted);
		}
	}

	/** Waits for a turn, at most the longest wait; false when the request runs without one. */
	private boolean awaitTurn() {
		boolean admitted = turns.tryAcquirePermission();
		if (!admitted) {
			waitedOut.increment();
		}
		return admitted;
	}

	private void endTurn(boolean admitted) {
		if (admitted) {
			turns.onComplete();
		}
	}

	/** Pages that don't take turns, by their path patterns as in {@code @GetMapping}. */
	public record LeftOut(List<String> patterns) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		PageAdmission pageAdmission(ConsoleProperties properties, MeterRegistry meters, WebMvcProperties mvc,
				List<LeftOut> leftOut) {
			Counter waitedOut = Counter.builder("console.pages.waited.out")
				.description("Page requests and API calls that ran without their turn after waiting console.pages.max-wait")
				.register(meters);
			List<String> patterns = Stream.concat(Stream.of(mvc.getStaticPathPattern(), mvc.getWebjarsPathPattern()),
					leftOut.stream().flatMap((out) -> out.patterns().stream()))
				.toList();
			return new PageAdmission(properties.pages().effectiveConcurrency(), properties.pages().maxWait(), waitedOut,
					patterns);
		}

		@Bean
		FilterRegistrationBean<PageAdmission> pageAdmissionFilter(PageAdmission admission) {
			FilterRegistrationBean<PageAdmission> registration = new FilterRegistrationBean<>(admission);
			registration.setOrder(FilterOrder.PAGE_ADMISSION);
			return registration;
		}

	}

}
