package io.connectionsconsole.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * Page requests (GET and HEAD) are worked on a few at a time, in the order they arrived: at most
 * {@code console.pages.concurrency} at once, the others wait their turn in a fair {@link Semaphore}. A request that
 * has waited {@code console.pages.max-wait} runs anyway, so a turn held for long (a client that doesn't read a large
 * page, a slow database) costs the others that wait at most. Left out: requests with a body (their body is read by
 * the request thread and may trickle in), static files and webjars (cheap, and the ceiling the pages are measured
 * against), and the pages that wait on something slower than the console, which the packages that serve them declare
 * as {@link LeftOut} beans (the pages that call a provider, which may take as long as its read timeout).
 * <p>
 * Why: with Tomcat's 200 threads, the 32 page requests of the benchmark share two cores, and each ends when the
 * scheduler has given it enough turns; page p99 was ~6× its median (70–90 ms at 32 connections). A Tomcat pool of 16
 * queued them in order (p99 ~50 ms) but could then be held by 16 slow clients or provider calls. Measured warm, side
 * by side on two cores (docs/performance.md): no admission ~2 050 pages/s, p99 ~77 ms; 4 at a time in order
 * ~1 810 pages/s, p99 ~26 ms; 4 at a time not in order (a non-fair semaphore) p99 ~64 ms; 8 at a time in order
 * ~1 700 pages/s, p99 ~28 ms. Neither Tomcat nor Spring orders requests across threads; the JDK's fair semaphore does.
 */
public class PageAdmission extends OncePerRequestFilter {

	private final List<PathPattern> leftOut;

	private final Semaphore turns;

	private final long maxWaitNanos;

	private final Counter waitedOut;

	/** {@code leftOut}: path patterns, as in {@code @GetMapping}, whose pages don't take turns. */
	PageAdmission(int concurrency, Duration maxWait, Counter waitedOut, List<String> leftOut) {
		this.leftOut = leftOut.stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.turns = new Semaphore(concurrency, true);
		this.maxWaitNanos = maxWait.toNanos();
		this.waitedOut = waitedOut;
	}

	/** Whether {@code request} waits its turn. */
	public boolean takesTurn(HttpServletRequest request) {
		String method = request.getMethod();
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			return false;
		}
		PathContainer path = PathContainer
			.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		return leftOut.stream().noneMatch((pattern) -> pattern.matches(path));
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !takesTurn(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean admitted = false;
		try {
			admitted = turns.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (!admitted) {
			waitedOut.increment();
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (admitted) {
				turns.release();
			}
		}
	}

	/** Pages that don't take turns, by their path patterns as in {@code @GetMapping}. */
	public record LeftOut(List<String> patterns) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		/**
		 * After the request log (whose duration includes the wait), before the session lookup and Spring Security,
		 * so that their work waits its turn too.
		 */
		@Bean
		FilterRegistrationBean<PageAdmission> pageAdmission(ConsoleProperties properties, MeterRegistry meters,
				WebMvcProperties mvc, List<LeftOut> leftOut) {
			ConsoleProperties.Pages pages = properties.pages();
			Counter waitedOut = Counter.builder("console.pages.waited.out")
				.description("Page requests that ran without their turn after waiting console.pages.max-wait")
				.register(meters);
			List<String> patterns = Stream
				.concat(Stream.of(mvc.getStaticPathPattern(), mvc.getWebjarsPathPattern()),
						leftOut.stream().flatMap((out) -> out.patterns().stream()))
				.toList();
			FilterRegistrationBean<PageAdmission> registration = new FilterRegistrationBean<>(
					new PageAdmission(pages.effectiveConcurrency(), pages.maxWait(), waitedOut, patterns));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
			return registration;
		}

	}

}
