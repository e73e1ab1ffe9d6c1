package io.connectionsconsole.monitoring;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * Plain log lines for a person reading a terminal or a file, with OAuth secrets masked as in the JSON lines (see
 * {@link SecretMasking}): Logback's own {@link PatternLayout} writes the line, and the mask goes over it, stack trace
 * included. Named in {@code logging.structured.format.console} by the local profile and in
 * {@code logging.structured.format.file}, so that no log the console writes carries a token whatever logger is turned
 * up.
 */
public class MaskedLines implements StructuredLogFormatter<ILoggingEvent> {

	/** Spring Boot's default console line without its colours. */
	static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p --- [%15.15t] %-40.40logger{39} : %m%n%ex";

	private final PatternLayout layout = new PatternLayout();

	public MaskedLines() {
		this.layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		this.layout.setPattern(PATTERN);
		this.layout.start();
	}

	@Override
	public String format(ILoggingEvent event) {
		return SecretMasking.mask(this.layout.doLayout(event));
	}

}
