package io.connectionsconsole.config;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's port: its own write time-out, and no more connections at once than the heap holds, whatever Tomcat's
 * own limit is set to (here higher than any heap of the tests holds).
 */
@ConsoleTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.max-connections=" + ConnectorConfigurationTest.TOMCATS_OWN)
class ConnectorConfigurationTest {

	static final int TOMCATS_OWN = 1_000_000;

	private static final long MIB = 1024 * 1024;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void aHeapOf128MiBTakesAThousandConnectionsALargeOneTomcatsOwnLimit() {
		assertThat(ConnectorConfiguration.maxConnections(128 * MIB, 8192)).isEqualTo(1024);
		assertThat(ConnectorConfiguration.maxConnections(4096 * MIB, 8192)).isEqualTo(8192);
		assertThat(ConnectorConfiguration.maxConnections(8 * MIB, 8192)).isEqualTo(100);
		assertThat(ConnectorConfiguration.maxConnections(4096 * MIB, 500)).isEqualTo(500);
		// server.tomcat.max-connections set below the floor is the operator's to choose
		assertThat(ConnectorConfiguration.maxConnections(8 * MIB, 50)).isEqualTo(50);
		assertThat(ConnectorConfiguration.maxConnections(4096 * MIB, 50)).isEqualTo(50);
		assertThat(ConnectorConfiguration.maxConnections(128 * MIB, -1)).as("no limit: the heap's").isEqualTo(1024);
	}

	@Test
	void theRunningPortHasTheWriteTimeOutsProtocolAndTheHeapsLimit() {
		Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

		assertThat(connector.getProtocolHandler()).isInstanceOf(WriteTimeoutProtocol.class);
		assertThat(((AbstractProtocol<?>) connector.getProtocolHandler()).getMaxConnections())
			.isEqualTo(ConnectorConfiguration.maxConnections(Runtime.getRuntime().maxMemory(), TOMCATS_OWN))
			.isLessThan(TOMCATS_OWN);
	}

}
