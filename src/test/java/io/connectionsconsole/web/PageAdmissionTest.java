package io.connectionsconsole.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Page requests take turns in arrival order; a held turn delays the others by the maximum wait at most. */
class PageAdmissionTest {

	private static final List<String> LEFT_OUT = List.of("/assets/**", "/connections/{id}/repositories",
			"/connections/handshake/callback/{registrationId}");

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final Counter waitedOut = new SimpleMeterRegistry().counter("waited.out");

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		release.countDown();
		threads.shutdownNow();
	}

	@Test
	void pagesWaitingForTheirTurnRunInTheOrderTheyArrived() throws Exception {
		PageAdmission admission = new PageAdmission(1, Duration.ofSeconds(30), waitedOut, LEFT_OUT);
		List<String> ran = new CopyOnWriteArrayList<>();
		CountDownLatch firstRunning = new CountDownLatch(1);
		Future<?> first = threads.submit(() -> serve(admission, "GET", "/connections", (request, response) -> {
			ran.add("first");
			firstRunning.countDown();
			release.await();
		}));
		assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
		List<Future<?>> waiting = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			String name = "page " + i;
			waiting.add(threads.submit(() -> serve(admission, "GET", "/connections", (request, response) -> ran.add(name))));
			Thread.sleep(50); // arrival order
		}
		Thread.sleep(200);
		assertThat(ran).containsExactly("first");

		release.countDown();
		first.get(5, TimeUnit.SECONDS);
		for (Future<?> page : waiting) {
			page.get(5, TimeUnit.SECONDS);
		}
		assertThat(ran).containsExactly("first", "page 1", "page 2", "page 3", "page 4", "page 5");
		assertThat(waitedOut.count()).isZero();
	}

	@Test
	void aTurnHeldForLongDelaysAnotherPageByTheMaximumWaitOnly() throws Exception {
		PageAdmission admission = new PageAdmission(1, Duration.ofMillis(200), waitedOut, LEFT_OUT);
		holdTheOnlyTurn(admission);

		long started = System.nanoTime();
		CountDownLatch served = new CountDownLatch(1);
		serve(admission, "GET", "/audit", (request, response) -> served.countDown());
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
				{ "GET", "/connections/0123456789abcdef0123456789abcdef/repositories" },
				{ "GET", "/connections/handshake/callback/github" } };
		for (String[] request : requests) {
			CountDownLatch served = new CountDownLatch(1);
			threads.submit(() -> serve(admission, request[0], request[1], (req, res) -> served.countDown()))
				.get(2, TimeUnit.SECONDS);
			assertThat(served.getCount()).as("%s %s", request[0], request[1]).isZero();
		}
		CountDownLatch page = new CountDownLatch(1);
		threads.submit(() -> serve(admission, "GET", "/connections/0123456789abcdef0123456789abcdef",
				(req, res) -> page.countDown()));
		assertThat(page.await(300, TimeUnit.MILLISECONDS)).as("a details page waits its turn").isFalse();
	}

	/** A page that takes the only turn and keeps it until the test ends. */
	private void holdTheOnlyTurn(PageAdmission admission) throws InterruptedException {
		CountDownLatch holding = new CountDownLatch(1);
		threads.submit(() -> serve(admission, "GET", "/connections", (request, response) -> {
			holding.countDown();
			release.await();
		}));
		assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
	}

	private static Void serve(PageAdmission admission, String method, String path, Chain chain) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		admission.doFilter(request, new MockHttpServletResponse(), (FilterChain) (req, res) -> {
			try {
				chain.run(req, res);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		return null;
	}

	@FunctionalInterface
	private interface Chain {

		void run(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response)
				throws InterruptedException;

	}

}
