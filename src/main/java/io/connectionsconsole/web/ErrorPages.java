package io.connectionsconsole.web;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

import io.connectionsconsole.config.ConsoleProperties;

/**
 * Spring Boot's error page ({@code error.html}) says what happened in words: which kind of refusal or failure a status
 * is, for a request body refused unread the limit it broke, and for a form refused for its CSRF token (one opened
 * before the user signed in again) that it is the form, not the user, that is refused.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorPages implements ErrorViewResolver {

	private final ConsoleProperties.RequestBody requestBody;

	ErrorPages(ConsoleProperties properties) {
		this.requestBody = properties.requestBody();
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		Map<String, Object> page = new HashMap<>(model);
		page.put("kind", request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException ? "expiredForm"
				: kind(status));
		page.put("maxBodyKilobytes", requestBody.maxSize().toKilobytes());
		page.put("bodySeconds", requestBody.timeout().toSeconds());
		return new ModelAndView("error", page, status);
	}

	/** The kind of error page, which names its messages: {@code error.<kind>.title} and {@code .body}. */
	static String kind(HttpStatus status) {
		return switch (status.value()) {
			case 404 -> "notFound";
			case 403 -> "forbidden";
			case 408 -> "timeout";
			case 413 -> "tooLarge";
			default -> status.is4xxClientError() ? "badRequest" : "server";
		};
	}

}
