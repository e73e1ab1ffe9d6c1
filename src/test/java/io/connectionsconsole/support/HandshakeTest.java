package io.connectionsconsole.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

import io.connectionsconsole.support.ConsoleTest;
import io.connectionsconsole.support.FakeProviders;

/** The console on H2 with both providers configured against the fake GitHub and Bitbucket; one shared context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConsoleTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeProviders.Initializer.class)
public @interface HandshakeTest {
}
