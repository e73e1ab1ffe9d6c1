package io.connectionsconsole.security;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.connectionsconsole.support.ConsoleTest;

/** Concurrent sign-ins on the embedded H2 database. */
@ConsoleTest
@AutoConfigureMockMvc
class ConcurrentSignInsH2Test extends ConcurrentSignInsContract {

}
