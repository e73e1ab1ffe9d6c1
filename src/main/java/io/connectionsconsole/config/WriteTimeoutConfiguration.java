package io.connectionsconsole.config;

import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's port runs {@link WriteTimeoutProtocol}, with {@code console.write-timeout}. */
@Configuration(proxyBeanMethods = false)
class WriteTimeoutConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> writeTimeoutProtocol() {
		return (factory) -> factory.setProtocol(WriteTimeoutProtocol.class.getName());
	}

	@Bean
	TomcatProtocolHandlerCustomizer<WriteTimeoutProtocol> writeTimeout(ConsoleProperties properties) {
		return (protocol) -> protocol.setWriteTimeout(properties.writeTimeout().toMillis());
	}

}
