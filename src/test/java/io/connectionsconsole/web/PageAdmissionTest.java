package io.connectionsconsole.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Page requests, and API calls once their body is read, take turns in arrival order; a held turn delays the others by
 * the maximum wait at most. Each page
 * arrives once the one before it waits for its turn (its thread parked), so the arrival order is the order of the test.
 */
class PageAdmissionTest {

	private static final List<String> LEFT_OUT = List.of("/assets/**", "/connections/{id}/repositories");

	private final Counter waitedOut = new SimpleMeterRegistry().counter("waited.out");

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		release.countDown();
		for (Thread thread : threads) {
			thread.join(5_000);
		}
	}

	@Test
	void pagesWaitingForTheirTurnRunInTheOrderTheyArrived() throws Exception {
		PageAdmission admission = new PageAdmission(1, Duration.ofSeconds(30), waitedOut, LEFT_OUT);
		List<String> ran = new CopyOnWriteArrayList<>();
		holdTheOnlyTurn(admission);
		for (int i = 1; i <= 5; i++) {
			String name = "page " + i;
			Thread page = start(admission, "GET", "/connections", () -> ran.add(name));
			await().until(() -> page.getState() == Thread.State.TIMED_WAITING);
		}
		assertThat(ran).isEmpty();

		release.countDown();
		await().until(() -> ran.size() == 5);
		assertThat(ran).containsExactly("page 1", "page 2", "page 3", "page 4", "page 5");
		assertThat(waitedOut.count()).isZero();
	}

	@Test
	void anApiCallWhoseBodyIsReadTakesItsTurnWithThePagesInArrivalOrder() throws Exception {
		PageAdmission admission = new PageAdmission(1, Duration.ofSeconds(30), waitedOut, LEFT_OUT);
		List<String> ran = new CopyOnWriteArrayList<>();
		holdTheOnlyTurn(admission);
		Thread first = start(admission, "GET", "/connections", () -> ran.add("page 1"));
		await().until(() -> first.getState() == Thread.State.TIMED_WAITING);
		Thread call = Thread.ofPlatform().start(() -> admission.inTurn(() -> ran.add("ListConnections")));
		threads.add(call);
		await().until(() -> call.getState() == Thread.State.TIMED_WAITING);
		Thread second = start(admission, "GET", "/connections", () -> ran.add("page 2"));
		await().until(() -> second.getState() == Thread.State.TIMED_WAITING);
		assertThat(ran).isEmpty();

		release.countDown();
		await().until(() -> ran.size() == 3);
		assertThat(ran).containsExactly("page 1", "ListConnections", "page 2");
		assertThat(waitedOut.count()).isZero();
	}

	@Test
	void aTurnHeldForLongDelaysAnotherPageByTheMaximumWaitOnly() throws Exception {
		PageAdmission admission = new PageAdmission(1, Duration.ofMillis(200), waitedOut, LEFT_OUT);
		holdTheOnlyTurn(admission);

		long started = System.nanoTime();
		CountDownLatch served = new CountDownLatch(1);
		serve(admission, "GET", "/audit", served::countDown);
		long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

		assertThat(served.getCount()).isZero();
		assertThat(waitedMillis).isBetween(190L, 2_000L);
		assertThat(waitedOut.count()).isEqualTo(1);
	}

	@Test
	void requestsWithABodyAndPagesLeftOutNeverWait() throws Exception {
		PageAdmission admission = new PageAdmission(1, Duration.ofSeconds(30), waitedOut, LEFT_OUT);
		holdTheOnlyTurn(admission);

		String[][] requests = { { "POST", "/login" }, { "POST", "/" }, { "GET", "/assets/app-0123abcd.css" },
				{ "GET", "/connections/0123456789abcdef0123456789abcdef/repositories" } };
		for (String[] request : requests) {
			CountDownLatch served = new CountDownLatch(1);
			serve(admission, request[0], request[1], served::countDown);
			assertThat(served.getCount()).as("%s %s", request[0], request[1]).isZero();
		}
		CountDownLatch page = new CountDownLatch(1);
		start(admission, "GET", "/connections/0123456789abcdef0123456789abcdef", page::countDown);
		assertThat(page.await(300, TimeUnit.MILLISECONDS)).as("a details page waits its turn").isFalse();
	}

	@Test
	void aGetWithABodyTakesNoTurnSinceItsBodyComesAtItsClientsPace() throws Exception {
		PageAdmission admission = new PageAdmission(1, Duration.ofSeconds(30), waitedOut, LEFT_OUT);
		holdTheOnlyTurn(admission);
		MockHttpServletRequest withBody = new MockHttpServletRequest("GET", "/connections");
		withBody.setContent(new byte[1000]);
		MockHttpServletRequest chunked = new MockHttpServletRequest("GET", "/connections");
		chunked.addHeader("Transfer-Encoding", "chunked");

		for (MockHttpServletRequest request : List.of(withBody, chunked)) {
			long started = System.nanoTime();
			CountDownLatch served = new CountDownLatch(1);
			admission.doFilter(request, new MockHttpServletResponse(),
					(FilterChain) (in, out) -> served.countDown());
			assertThat(served.getCount()).isZero();
			// a turn would have been waited for until the 30 s are over
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
	}

	/** A page that takes the only turn and keeps it until the test ends. */
	private void holdTheOnlyTurn(PageAdmission admission) throws InterruptedException {
		CountDownLatch holding = new CountDownLatch(1);
		start(admission, "GET", "/connections", () -> {
			holding.countDown();
			release.await();
		});
		assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
	}

	private Thread start(PageAdmission admission, String method, String path, Work work) {
		Thread thread = Thread.ofPlatform().start(() -> serve(admission, method, path, work));
		threads.add(thread);
		return thread;
	}

	private static void serve(PageAdmission admission, String method, String path, Work work) {
		try {
			admission.doFilter(new MockHttpServletRequest(method, path), new MockHttpServletResponse(),
					(FilterChain) (request, response) -> {
						try {
							work.run();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					});
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Work {

		void run() throws InterruptedException;

	}

}
