package io.connectionsconsole.config;

import java.time.Duration;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At a stop, lets the answers of the last requests reach their clients. Spring Boot's graceful shutdown waits until no
 * request is inside the application, then the web server's stop closes every connection: an answer the application
 * has written but Tomcat has not yet sent (its thread waiting for a core on a busy machine) would be cut off. Between
 * the two, this waits for the connections to close, which a paused Tomcat does to each once its answer is sent; the
 * bound is for idle keep-alive connections, which close only when their client or the keep-alive timeout closes them.
 */
@Component
class AnswersSentAtStop implements SmartLifecycle {

	/** After the graceful shutdown, which stops first, and before the web server stops. */
	private static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

	private final ApplicationContext context;

	private volatile boolean running;

	AnswersSentAtStop(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.context instanceof WebServerApplicationContext web && web.getWebServer() instanceof TomcatWebServer tomcat
				&& isPaused(tomcat)) {
			long left = LONGEST_WAIT.toMillis();
			for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
				left = connector.getProtocolHandler().awaitConnectionsClose(left);
			}
		}
	}

	/** Only after a graceful shutdown: an immediate one closes the connections without waiting. */
	private static boolean isPaused(TomcatWebServer tomcat) {
		for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
			if (!(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) || !protocol.isPaused()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
