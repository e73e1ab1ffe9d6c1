package io.connectionsconsole.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The sign-in throttle and device cookies as mocks, for a slice that has the console's security chains but not the
 * database they count sign-ins in. Declared here, since both are this package's own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MockitoBean(types = { SignInThrottle.class, DeviceCookies.class })
public @interface MockedSignInThrottle {

}
