package io.connectionsconsole.session;

import io.connectionsconsole.support.ConsoleTest;

/** Sessions on the embedded H2 database. */
@ConsoleTest
class SessionStoreH2Test extends SessionStoreContract {

}
