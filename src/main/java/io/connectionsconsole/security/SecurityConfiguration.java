package io.connectionsconsole.security;

import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.connectionsconsole.account.Role;
import io.connectionsconsole.link.RepositoryLink;
import io.connectionsconsole.monitoring.RequestLog;
import io.connectionsconsole.sso.SingleSignOn;
import io.connectionsconsole.web.FilterOrder;

/**
 * Who may reach what. The App Runner API (a signed POST to {@code /}) and Git over HTTPS ({@code /git-http/**}) have
 * chains of their own without session or CSRF token, because every request carries a SigV4 signature, or a link
 * token, that the API, or the Git path, checks before doing anything. Everything else is the console: form login with
 * its failures throttled, CSRF on, a strict content security policy.
 * <p>
 * A visitor who has not signed in has no session: the sign-in page's CSRF token lives in a cookie (HttpOnly, as pages
 * carry it in their forms and htmx in its headers), so anonymous requests, however many, write nothing to the database.
 * <p>
 * The actuator's health is open, for load balancers; its other endpoints are for administrators, or served without
 * sign-in on a {@code management.server.port} of its own, which is meant for the operator's own network only.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	/** Scripts and styles only from the console itself: no inline code anywhere. */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

	/** The sign-in page, and where its form posts. */
	public static final String LOGIN_URL = "/login";

	/** The AWS JSON protocol: POST / with an X-Amz-Target header. */
	public static final RequestMatcher API_REQUEST = (request) -> HttpMethod.POST.matches(request.getMethod())
			&& "/".equals(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))
			&& request.getHeader("X-Amz-Target") != null;

	/** Git over HTTPS through the console, which checks each request's link token itself. */
	public static final RequestMatcher GIT_HTTP_REQUEST = PathPatternRequestMatcher.withDefaults()
		.matcher(RepositoryLink.GIT_HTTP + "/**");

	/** A provider's webhook delivery, which carries its own signature. */
	public static final RequestMatcher WEBHOOK_REQUEST = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/webhooks/*");

	/**
	 * On error dispatches: the headers of an error page for a request Spring Security never saw; no error page for an
	 * answer under way.
	 */
	@Bean
	static FilterRegistrationBean<ErrorPageHeaders> errorPageHeaders() {
		FilterRegistrationBean<ErrorPageHeaders> registration = new FilterRegistrationBean<>(new ErrorPageHeaders());
		registration.setDispatcherTypes(DispatcherType.ERROR, DispatcherType.INCLUDE);
		registration.setOrder(FilterOrder.ERROR_PAGE_HEADERS);
		return registration;
	}

	@Bean
	@Order(0)
	SecurityFilterChain selfCheckingSecurityFilterChain(HttpSecurity http) throws Exception {
		return unsigned(http.securityMatcher(new OrRequestMatcher(GIT_HTTP_REQUEST, WEBHOOK_REQUEST)));
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http) throws Exception {
		return unsigned(http.securityMatcher(API_REQUEST));
	}

	/** A chain without session, CSRF token or sign-in: each of its requests proves itself, checked where it is served. */
	private static SecurityFilterChain unsigned(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.disable())
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.anonymous((anonymous) -> anonymous.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, SignInThrottle signInThrottle,
			DeviceCookies deviceCookies, ObjectProvider<SingleSignOn> singleSignOn, Environment environment)
			throws Exception {
		// The page opened before signing in, in an HttpOnly cookie: the database holds nothing for a visitor. Spring
		// Security's cookie cache would also stand the remembered request in for the next request to the same address;
		// it keeps only the address, so that request would lose its own headers (its Accept, and with it the redirect
		// to sign in). Here the next request is served as it came, and the cookie is dropped at sign-in.
		CookieRequestCache requestCache = new CookieRequestCache() {

			@Override
			public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
				return null;
			}

		};
		requestCache.setRequestMatcher(pageVisits());
		requestCache.setCookieCustomizer((cookie) -> cookie.setAttribute("SameSite", "Lax"));
		SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();
		signedIn.setDefaultTargetUrl("/");
		signedIn.setRequestCache(requestCache);
		SignInThrottleFilter signInThrottleFilter = new SignInThrottleFilter(signInThrottle, deviceCookies);
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
		http.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(LOGIN_URL, "/assets/**", "/webjars/**", "/error").permitAll()
				.requestMatchers(EndpointRequest.to("health")).permitAll()
				// with the actuator on a port of its own, the probes' paths on the console's (/livez, /readyz)
				.requestMatchers(EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, HealthEndpoint.class))
				.permitAll()
				.requestMatchers(new AndRequestMatcher(EndpointRequest.toAnyEndpoint(), onManagementPort(environment)))
				.permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint()).hasAuthority(Role.ADMIN.authority())
				.anyRequest().authenticated())
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens))
			.requestCache((cache) -> cache.requestCache(requestCache))
			// Sign-ins are counted before their password is checked; a successful one gets its browser a device cookie.
			.addFilterBefore(signInThrottleFilter, UsernamePasswordAuthenticationFilter.class)
			.formLogin((form) -> form.loginPage(LOGIN_URL)
				.successHandler((request, response, authentication) -> {
					RequestLog.reason("signed-in");
					signInThrottle.succeeded(SignInThrottleFilter.attempt(request));
					deviceCookies.issue(request, response, authentication.getName());
					// The response drops the cookie; the handler still reads the page from the request's cookie.
					requestCache.removeRequest(request, response);
					signedIn.onAuthenticationSuccess(request, response, authentication);
				})
				.failureHandler(signInThrottleFilter)
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			// An htmx request whose session expired reloads the page (and so reaches the sign-in page) instead of
			// swapping a login form into a fragment; a request for anything but a page (a script, Prometheus) is told
			// 401; a page goes to the sign-in form.
			// A refusal keeps its reason for the error page, which tells a form whose CSRF token is stale (opened
			// before the user signed in again) from a user who may not do what they asked.
			.exceptionHandling((exceptions) -> exceptions
				.accessDeniedHandler((request, response, denied) -> {
					request.setAttribute(WebAttributes.ACCESS_DENIED_403, denied);
					new AccessDeniedHandlerImpl().handle(request, response, denied);
				})
				.defaultAuthenticationEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(),
						new RequestHeaderRequestMatcher("HX-Request", "true"))
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						new NegatedRequestMatcher(pageRequests())))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		// The company's identity providers, where any is configured, beside the password form.
		SingleSignOn identityProviders = singleSignOn.getIfAvailable();
		if (identityProviders != null) {
			identityProviders.configure(http, LOGIN_URL, (request, response, authentication) -> {
				requestCache.removeRequest(request, response);
				signedIn.onAuthenticationSuccess(request, response, authentication);
			});
		}
		return http.build();
	}

	/**
	 * A browser opening a page: remembered when it has to sign in first. Not an htmx request (the whole page reloads
	 * instead), nor a script's or a scraper's.
	 */
	private static RequestMatcher pageVisits() {
		return new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/**"),
				pageRequests(), new NegatedRequestMatcher(new RequestHeaderRequestMatcher("HX-Request", "true")));
	}

	/** Requests that name HTML among what they accept; a bare {@code *}{@code /*} does not count. */
	private static RequestMatcher pageRequests() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML, MediaType.APPLICATION_XHTML_XML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return html;
	}

	/**
	 * A request that arrived on the actuator's own port. Its number is known once that server has started (it may be
	 * 0, any free port, in tests), so it is read per request. Without a port of its own, Spring Boot gives the
	 * actuator the server's port under the same name, and nothing matches.
	 */
	private static RequestMatcher onManagementPort(Environment environment) {
		return (request) -> {
			String port = environment.getProperty("local.management.port");
			return port != null && !port.equals(environment.getProperty("local.server.port"))
					&& port.equals(Integer.toString(request.getLocalPort()));
		};
	}

	/** What the firewall refuses is answered in the console's words (Spring Security takes this bean as its handler). */
	@Bean
	RequestRejectedHandler requestRejectedHandler(MessageSource messages) {
		return new RejectedRequests(messages);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
