package io.connectionsconsole.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * Reads a request body whole, within {@code console.request-body.max-size} and {@code console.request-body.timeout}.
 * A body announced larger than the limit is refused before a byte of it is read. The time limit covers the whole
 * body: Tomcat's connection timeout bounds each read only, so a client that sends a byte every few seconds holds its
 * request for as long as its body lasts, and a few such clients can hold every thread of a pool (docs/performance.md,
 * "Tail latency"); Tomcat offers no limit on a body's total time, hence this one.
 */
@Component
public class RequestBodyReader {

	private static final int CHUNK = 8 * 1024;

	private final int maxBytes;

	private final long timeoutNanos;

	RequestBodyReader(ConsoleProperties properties) {
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE - CHUNK, properties.requestBody().maxSize().toBytes());
		this.timeoutNanos = properties.requestBody().timeout().toNanos();
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
		ByteArrayOutputStream body = new ByteArrayOutputStream(announced > 0 ? (int) announced : CHUNK);
		byte[] chunk = new byte[CHUNK];
		InputStream in = request.getInputStream();
		try {
			for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
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
		return body.toByteArray();
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
