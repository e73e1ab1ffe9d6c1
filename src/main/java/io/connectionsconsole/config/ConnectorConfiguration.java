package io.connectionsconsole.config;

import java.util.function.Supplier;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.AbstractProtocol;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The console's port: {@link WriteTimeoutProtocol} with {@code console.write-timeout}, and no more connections at once
 * than the heap holds. Each open connection costs Tomcat some 50 KB of heap (its buffers, its request and answer)
 * before a byte of a body arrives: some 2 000 connections holding half a request at once filled a heap of 128 MiB, as
 * in the 512 MiB container (docs/performance.md, "Slow clients and memory"). Past the limit, new connections wait in
 * the operating system's queue until one closes.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

	/** The heap a connection is counted for: more than it costs, so that the requests served have room too. */
	static final long HEAP_PER_CONNECTION = 128 * 1024;

	@Bean
	ConsolePort consolePort(ObjectProvider<MessageSource> messages) {
		return new ConsolePort(messages::getObject);
	}

	@Bean
	TomcatProtocolHandlerCustomizer<WriteTimeoutProtocol> writeTimeout(ConsoleProperties properties) {
		return (protocol) -> protocol.setWriteTimeout(properties.writeTimeout().toMillis());
	}

	/**
	 * The protocol, and at most as many connections as the heap holds: Tomcat's own limit ({@code
	 * server.tomcat.max-connections}, 8 192) where it holds that many. After Spring Boot's customizer, whose connector
	 * customizer sets that limit, so that this one comes after it; and {@link ContainerErrorReport} in place of the
	 * error report valve that customizer gives the host.
	 */
	static final class ConsolePort implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		private final Supplier<MessageSource> messages;

		ConsolePort(Supplier<MessageSource> messages) {
			this.messages = messages;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.setProtocol(WriteTimeoutProtocol.class.getName());
			factory.addContextCustomizers((context) -> {
				Pipeline pipeline = context.getParent().getPipeline();
				for (Valve valve : pipeline.getValves()) {
					if (valve instanceof ErrorReportValve) {
						pipeline.removeValve(valve);
					}
				}
				pipeline.addValve(new ContainerErrorReport(messages));
				// the host adds a valve of this class when it starts, unless it has one
				((StandardHost) context.getParent()).setErrorReportValveClass(ContainerErrorReport.class.getName());
			});
			factory.addConnectorCustomizers((connector) -> {
				if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
					protocol.setMaxConnections(maxConnections(Runtime.getRuntime().maxMemory(),
							protocol.getMaxConnections()));
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * The heap's share, at least 100; never more than Tomcat's own, which is the operator's where they set it (-1,
	 * Tomcat's "no limit", leaves the heap's share).
	 */
	static int maxConnections(long heapBytes, int tomcatsOwn) {
		long share = Math.max(100, heapBytes / HEAP_PER_CONNECTION);
		return (int) ((tomcatsOwn > 0) ? Math.min(tomcatsOwn, share) : share);
	}

}
