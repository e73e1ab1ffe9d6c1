package io.connectionsconsole.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;

import io.connectionsconsole.config.ConsoleProperties;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.security.MockedSignInThrottle;
import io.connectionsconsole.security.RequestBodyReader;
import io.connectionsconsole.security.SecurityConfiguration;
import io.connectionsconsole.web.WebConfiguration;

/**
 * A slice of the console around the controllers named: Spring MVC, the Thymeleaf pages and their layout, the console's
 * security chains and its servlet filters as in production, without the database. The test mocks the services its
 * controller calls with {@code @MockitoBean}, so a change to one page is checked in seconds; the full-context tests
 * ({@link ConsoleTest}) and the browser tests still check the whole way.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(
		includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
				classes = { SecurityConfiguration.class, WebConfiguration.class, RegionCatalogue.class,
						RequestBodyReader.class }),
		// The API's own error answers, which no console page reaches.
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.connectionsconsole\\.api\\..*"))
@EnableConfigurationProperties(ConsoleProperties.class)
@MockedSignInThrottle
@ActiveProfiles("test")
public @interface ConsoleWebMvcTest {

	/** The controllers of the pages under test. */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

}
