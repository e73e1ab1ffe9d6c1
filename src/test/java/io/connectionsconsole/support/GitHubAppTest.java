package io.connectionsconsole.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/** The console on H2 as a GitHub App of the fake GitHub ({@link FakeGitHubApp}); one shared context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConsoleTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FakeGitHubApp.Initializer.class)
public @interface GitHubAppTest {
}
