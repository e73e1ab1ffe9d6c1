package io.connectionsconsole.config;

import java.nio.channels.SocketChannel;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 connector, with a write time-out of its own ({@code console.write-timeout}). Tomcat gives each
 * connection its connection time-out for reads and writes alike: the console keeps that short for reads (a client
 * silent in its request is cut off within seconds, so that idle sockets can't pile up and fill the heap) and waits
 * longer for a client that stops reading an answer a while, such as git taking a pack while its disk catches up.
 */
public class WriteTimeoutProtocol extends Http11NioProtocol {

	public WriteTimeoutProtocol() {
		super(new Endpoint());
	}

	/** The time a blocked write of an answer waits for its client to read, in milliseconds. */
	public void setWriteTimeout(long millis) {
		((Endpoint) getEndpoint()).writeTimeout = millis;
	}

	private static final class Endpoint extends NioEndpoint {

		private volatile long writeTimeout = -1;

		/** Each new connection, set up as Tomcat sets it up, then given the write time-out. */
		@Override
		protected boolean setSocketOptions(SocketChannel socket) {
			boolean registered = super.setSocketOptions(socket);
			SocketWrapperBase<NioChannel> connection = registered && writeTimeout > 0 ? connections.get(socket) : null;
			if (connection != null) {
				connection.setWriteTimeout(writeTimeout);
			}
			return registered;
		}

	}

}
