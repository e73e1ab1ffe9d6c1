package io.connectionsconsole.monitoring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.connectionsconsole.account.ConsoleUser;

/**
 * Names the signed-in console user and their account in the request's log lines ({@link RequestLog}): for a request
 * that reaches a controller, whose user Spring Security has loaded by then, and for a sign-in, once it succeeded.
 * Static files are left out on purpose: naming their user would load the session for every one of them.
 */
@Configuration(proxyBeanMethods = false)
class SignedInUserLogging implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (handler instanceof HandlerMethod) {
					name(SecurityContextHolder.getContext().getAuthentication());
				}
				return true;
			}

		});
	}

	@EventListener
	void signedIn(AuthenticationSuccessEvent event) {
		name(event.getAuthentication());
	}

	private static void name(Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
			RequestLog.identify(user.getUsername(), user.accountId().value());
		}
	}

}
