package io.connectionsconsole.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import io.connectionsconsole.crypto.SecretCipher;

/**
 * Device cookies, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies": a browser in which a user
 * signed in gets a cookie that names a random nonce and is signed (HMAC-SHA256 under a key derived from
 * {@code console.token-key}) over the nonce and the user name. A sign-in that presents a valid one for the user name it
 * is for is counted in the device's own bucket, so that someone guessing at that user name from elsewhere can't refuse
 * it. The cookie is sent to the sign-in form only, never read by script, and kept for a year.
 */
@Component
class DeviceCookies {

	static final String NAME = "DEVICE";

	private static final Duration LIFETIME = Duration.ofDays(365);

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	private final SecretCipher cipher;

	DeviceCookies(SecretCipher cipher) {
		this.cipher = cipher;
	}

	/** The nonce of the request's device cookie, when it is one the console signed for {@code username}. */
	Optional<String> nonce(HttpServletRequest request, String username) {
		Cookie cookie = WebUtils.getCookie(request, NAME);
		if (cookie == null) {
			return Optional.empty();
		}
		String[] parts = cookie.getValue().split("\\.", -1);
		if (parts.length != 2) {
			return Optional.empty();
		}
		byte[] signature;
		try {
			signature = Base64.getUrlDecoder().decode(parts[1]);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return MessageDigest.isEqual(signature, signature(username, parts[0])) ? Optional.of(parts[0])
				: Optional.empty();
	}

	/** A new device cookie for the user who just signed in, in place of the browser's last one. */
	void issue(HttpServletRequest request, HttpServletResponse response, String username) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String nonce = ENCODER.encodeToString(bytes);
		ResponseCookie cookie = ResponseCookie.from(NAME, nonce + "." + ENCODER.encodeToString(signature(username, nonce)))
			.path(request.getContextPath() + SecurityConfiguration.LOGIN_URL)
			.maxAge(LIFETIME)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Strict")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	/** Signed over the user name in lower case, as sign-in finds a user whatever the case typed. */
	private byte[] signature(String username, String nonce) {
		return cipher.sign("device-cookie\n" + username.toLowerCase(Locale.ROOT) + "\n" + nonce);
	}

}
