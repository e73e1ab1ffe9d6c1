package io.connectionsconsole.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.thymeleaf.spring6.SpringTemplateEngine;

import static org.assertj.core.api.Assertions.assertThat;

/** The page engine is set up while the console starts, instead of on the first page. */
class PageEngineReadyTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withBean("templateEngine", SpringTemplateEngine.class)
		.withBean("bootstrapExecutor", SimpleAsyncTaskExecutor.class);

	@Test
	void theEngineIsSetUpOnceTheConsoleHasStarted() {
		this.context.withUserConfiguration(WebConfiguration.class)
			.run((started) -> assertThat(started.getBean(SpringTemplateEngine.class).isInitialized()).isTrue());
	}

	@Test
	void withoutItTheFirstPageWouldSetTheEngineUp() {
		this.context.run((started) -> assertThat(started.getBean(SpringTemplateEngine.class).isInitialized()).isFalse());
	}

}
