package io.connectionsconsole.security;

import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.stereotype.Component;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * Tomcat's time-out for each read of a request body, {@code console.request-body.read-timeout}, apart from its
 * connection time-out, which bounds each write too: a client silent mid-body is cut off within seconds, while one that
 * stops reading a long answer for a while (git taking a pack while its disk catches up) still gets all of it.
 */
@Component
class BodyReadTimeout implements TomcatProtocolHandlerCustomizer<AbstractHttp11Protocol<?>> {

	private final int millis;

	BodyReadTimeout(ConsoleProperties properties) {
		this.millis = Math.toIntExact(properties.requestBody().readTimeout().toMillis());
	}

	@Override
	public void customize(AbstractHttp11Protocol<?> protocol) {
		protocol.setDisableUploadTimeout(false);
		protocol.setConnectionUploadTimeout(millis);
	}

}
