package io.connectionsconsole.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Sign-ins through the sign-in form, each from an address of its test's own: the throttle counts per address, and
 * tests share a database, so that they would otherwise add to one another's counts.
 */
public final class SignInRequests {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	private SignInRequests() {
	}

	/** An address no other test signs in from. */
	public static String newAddress() {
		int n = ADDRESSES.incrementAndGet();
		return "198.51." + (n / 250) + "." + (n % 250 + 1);
	}

	public static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	public static MockHttpServletRequestBuilder signIn(String username, String password, String address) {
		return post("/login").param("username", username).param("password", password).with(csrf()).with(from(address));
	}

}
