package io.connectionsconsole.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Clients of a running console over raw sockets, which send a request's body at their own pace, as slow or stalled
 * clients do: what the HTTP clients of the JDK and of Spring can't be made to do. Closes every socket it opened.
 */
final class RawClients implements AutoCloseable {

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	RawClients(int port) {
		this.port = port;
	}

	/** Opens a connection and sends a request's headers and the first byte of its body, {@code {}}. */
	Socket startBody(String path, String headers, int contentLength) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		sockets.add(socket);
		OutputStream out = socket.getOutputStream();
		out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "Content-Length: "
				+ contentLength + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	/** The connections opened so far. */
	List<Socket> sockets() {
		return sockets;
	}

	static void sendOneByte(Socket socket) {
		try {
			socket.getOutputStream().write('a');
			socket.getOutputStream().flush();
		}
		catch (IOException ex) {
			// refused and closed by the console: nothing more to send
		}
	}

	/** The answer's status line and headers, read within {@code timeout}. */
	static String answer(Socket socket, Duration timeout) throws IOException {
		socket.setSoTimeout((int) timeout.toMillis());
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder head = new StringBuilder();
		try {
			for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
				head.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No answer within " + timeout + " after: " + head, ex);
		}
		return head.toString();
	}

	@Override
	public void close() throws IOException {
		for (Socket socket : sockets) {
			socket.close();
		}
	}

}
