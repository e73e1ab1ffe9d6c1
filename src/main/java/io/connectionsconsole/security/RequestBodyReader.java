package io.connectionsconsole.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * Reads a request body whole, within {@code console.request-body.max-size} and {@code console.request-body.timeout}.
 * A body announced larger than the limit is refused before a byte of it is read. The time limit covers the whole
 * body: Tomcat's connection timeout bounds each read only, so a client that sends a byte every few seconds holds its
 * request for as long as its body lasts, and a few such clients can hold every thread of a pool (docs/performance.md,
 * "Tail latency"); Tomcat offers no limit on a body's total time, hence this one.
 * <p>
 * The requests whose bodies are being read hold at most {@code console.request-body.in-flight-max-size} of memory
 * between them (a quarter of the heap unless set): each counts what Tomcat holds for a request in progress
 * ({@link #REQUEST_OVERHEAD}) and the bytes of its body that arrived. A request that finds no room for itself is
 * refused at once (503), since waiting it would hold its share all the same; one whose next bytes find no room waits for
 * some until its time is up. A body's buffer grows with what arrived, never with what its client announced. Without
 * this, a console in a 512 MiB container stopped for want of heap under a few hundred clients that sent their bodies
 * slowly (docs/performance.md, "Slow clients and memory").
 */
@Component
public class RequestBodyReader {

	private static final int CHUNK = 8 * 1024;

	/**
	 * What Tomcat holds for a request in progress besides its body: its connection's, parser's and request's and
	 * response's buffers, some 130 KB in a heap histogram of a console with slow clients (docs/performance.md).
	 */
	static final int REQUEST_OVERHEAD = 128 * 1024;

	private final int maxBytes;

	private final long timeoutNanos;

	/** Bytes held by the requests whose bodies are being read. */
	private final Semaphore inFlight;

	RequestBodyReader(ConsoleProperties properties) {
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE - CHUNK, properties.requestBody().maxSize().toBytes());
		this.timeoutNanos = properties.requestBody().timeout().toNanos();
		DataSize budget = properties.requestBody().inFlightMaxSize();
		long bytes = (budget != null) ? budget.toBytes() : Runtime.getRuntime().maxMemory() / 4;
		this.inFlight = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(REQUEST_OVERHEAD + maxBytes + CHUNK, bytes)));
	}

	/**
	 * The body of {@code request}; a {@link ResponseStatusException}, 413, 408 or 400, when it is too large, too slow
	 * or cut short.
	 */
	public byte[] read(HttpServletRequest request) throws IOException {
		long announced = request.getContentLengthLong();
		if (announced > maxBytes) {
			throw tooLarge();
		}
		long deadline = System.nanoTime() + timeoutNanos;
		if (!inFlight.tryAcquire(REQUEST_OVERHEAD)) {
			throw tooBusy();
		}
		int held = REQUEST_OVERHEAD;
		ByteArrayOutputStream body = new ByteArrayOutputStream(CHUNK);
		byte[] chunk = new byte[CHUNK];
		try {
			InputStream in = request.getInputStream();
			for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
				held += hold(read, deadline);
				body.write(chunk, 0, read);
				if (body.size() > maxBytes) {
					throw tooLarge();
				}
				if (System.nanoTime() - deadline > 0) {
					throw tooSlow();
				}
			}
		}
		catch (IOException ex) {
			if (timedOut(ex)) {
				throw tooSlow();
			}
			// The client ended the connection before its body was whole: its request is not valid (though it may not
			// be there to hear so), and no failure of the console's.
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request body ended before all of it arrived.");
		}
		finally {
			inFlight.release(held);
		}
		return body.toByteArray();
	}

	/** Room for {@code bytes} more of a body among those being read, waited for until {@code deadline}. */
	private int hold(int bytes, long deadline) {
		try {
			if (inFlight.tryAcquire(bytes, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				return bytes;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw tooBusy();
	}

	private static ResponseStatusException tooBusy() {
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
				"The console is receiving too many request bodies at once: try again in a few seconds.");
	}

	private ResponseStatusException tooLarge() {
		return new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + maxBytes + " bytes.");
	}

	private ResponseStatusException tooSlow() {
		return new ResponseStatusException(HttpStatus.REQUEST_TIMEOUT,
				"The request body did not arrive within " + Duration.ofNanos(timeoutNanos).toSeconds() + " seconds.");
	}

	/**
	 * Whether a read failed because the client went silent for longer than Tomcat's connection timeout: Tomcat wraps
	 * that {@link SocketTimeoutException} in its own exception for a client gone away.
	 */
	private static boolean timedOut(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

}
