package io.connectionsconsole.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;

import io.connectionsconsole.support.ConsoleTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet filters as Spring Boot hands them to the container, in the order they run: the order {@link FilterOrder}
 * writes down, and no filter it does not name.
 */
@ConsoleTest
class FilterOrderTest {

	@Autowired
	ListableBeanFactory beans;

	@Test
	void theFiltersRunInTheOrderFilterOrderWritesDown() {
		List<String> registered = new ServletContextInitializerBeans(beans).stream()
			.filter(AbstractFilterRegistrationBean.class::isInstance)
			.map((registration) -> (AbstractFilterRegistrationBean<?>) registration)
			.map((registration) -> name(registration) + " at " + registration.getOrder())
			.toList();

		assertThat(registered).containsExactly(
				"CharacterEncodingFilter at " + FilterOrder.CHARACTER_ENCODING,
				"ServerHttpObservationFilter at " + FilterOrder.OBSERVATION,
				"PageAdmission at " + FilterOrder.PAGE_ADMISSION,
				"RequestLog at " + FilterOrder.REQUEST_LOG,
				"UnreadableParameters at " + FilterOrder.UNREADABLE_PARAMETERS,
				"RequestBodyFilter at " + FilterOrder.REQUEST_BODY,
				"springSessionRepositoryFilter at " + FilterOrder.SESSION,
				"FormContentFilter at " + FilterOrder.FORM_CONTENT,
				"RequestContextFilter at " + FilterOrder.REQUEST_CONTEXT,
				"HandshakeLinkFilter at " + FilterOrder.HANDSHAKE_LINK,
				"springSecurityFilterChain at " + FilterOrder.SECURITY,
				"ErrorPageHeaders at " + FilterOrder.ERROR_PAGE_HEADERS,
				"ResourceUrlEncodingFilter at " + FilterOrder.RESOURCE_URL_ENCODING,
				"DirectErrorRequests at " + FilterOrder.DIRECT_ERROR_REQUESTS);
	}

	/** The filter's class, without the {@code Ordered} prefix of Spring Boot's subclasses; Security's and Spring
	 * Session's, which Boot registers through a proxy, by the proxy's name. */
	private static String name(AbstractFilterRegistrationBean<?> registration) {
		if (registration instanceof DelegatingFilterProxyRegistrationBean proxy) {
			return proxy.getFilterName();
		}
		String name = ((FilterRegistrationBean<?>) registration).getFilter().getClass().getSimpleName();
		return name.startsWith("Ordered") ? name.substring("Ordered".length()) : name;
	}

}
