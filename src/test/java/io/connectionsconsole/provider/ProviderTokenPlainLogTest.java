package io.connectionsconsole.provider;

import java.io.IOException;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.monitoring.MaskedLines;
import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traced handshakes, refresh, read and check of {@link ProviderTokenLogTest}, written as the plain lines of the
 * local profile and of a log file ({@link MaskedLines}): no token in them either, and they are plain lines, not JSON.
 */
@ConsoleTest(properties = "logging.structured.format.console=io.connectionsconsole.monitoring.MaskedLines")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
class ProviderTokenPlainLogTest extends ProviderTokenLogTest {

	@Override
	@Test
	void noProviderTokenReachesTheLogWithEveryProviderLoggerAtTrace(CapturedOutput output) throws Exception {
		super.noProviderTokenReachesTheLogWithEveryProviderLoggerAtTrace(output);
		assertThat(output.getAll().lines().filter((line) -> line.contains("refresh_token=[****]")))
			.as("the masked token requests are plain lines")
			.isNotEmpty()
			.noneMatch((line) -> line.startsWith("{"));
	}

	@Test
	void theLocalProfileAndLogFilesWriteMaskedLines() throws IOException {
		Properties local = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application-local.properties"));
		Properties defaults = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
		assertThat(local.getProperty("logging.structured.format.console")).isEqualTo(MaskedLines.class.getName());
		assertThat(defaults.getProperty("logging.structured.format.file")).isEqualTo(MaskedLines.class.getName());
	}

}
