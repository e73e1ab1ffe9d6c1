package io.connectionsconsole.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.unbescape.html.HtmlEscape;

/** What every page shares beyond Spring's own configuration. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new InPlacePages());
	}

	/** Named so that it replaces Spring Boot's message source. */
	@Bean
	public MessageSource messageSource() {
		return new PageMessages();
	}

	/**
	 * How pages show a moment, e.g. {@code 2026-01-31 09:05 UTC}; the browser's script turns it into local time.
	 * Templates reach it as {@code @timeFormat}.
	 */
	@Bean
	public DateTimeFormatter timeFormat() {
		return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(ZoneId.of("UTC"));
	}

	/**
	 * Thymeleaf sets its engine up (dialects, processors, the HTML element and attribute tables), and unbescape its
	 * table of HTML entities, on the first page rendered, which made the first request after a start many times slower
	 * than a warm one. Spring's background bootstrap does both on another thread while the context starts, so that the
	 * first user does not wait for it; what that gained is in docs/performance.md ("Start time"). The engine itself
	 * must exist before, on the main thread ({@code @DependsOn}).
	 */
	@Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
	@DependsOn("templateEngine")
	IEngineConfiguration pageEngineReady(SpringTemplateEngine templateEngine) {
		HtmlEscape.escapeHtml5("<>");
		return templateEngine.getConfiguration();
	}

}
