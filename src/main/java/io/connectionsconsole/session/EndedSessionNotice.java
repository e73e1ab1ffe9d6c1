package io.connectionsconsole.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The sign-in page asked for with a session cookie that names a session the store no longer has (it expired, or its
 * user was changed): the page is told ({@link #ATTRIBUTE}, a request attribute), and the browser forgets the cookie with
 * this answer, so that the page says it once. Only the sign-in page looks: any other request that reads no session
 * costs no lookup.
 */
@Configuration(proxyBeanMethods = false)
class EndedSessionNotice implements WebMvcConfigurer, HandlerInterceptor {

	/** The request attribute the sign-in page reads: {@code true} when the browser's session has ended. */
	static final String ATTRIBUTE = "io.connectionsconsole.sessionEnded";

	/** Absent where no session store is (a test of the web layer alone). */
	private final ObjectProvider<CookieHttpSessionIdResolver> cookies;

	EndedSessionNotice(ObjectProvider<CookieHttpSessionIdResolver> cookies) {
		this.cookies = cookies;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/login");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		CookieHttpSessionIdResolver resolver = cookies.getIfAvailable();
		if (resolver != null && request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
			resolver.expireSession(request, response);
			request.setAttribute(ATTRIBUTE, Boolean.TRUE);
		}
		return true;
	}

}
