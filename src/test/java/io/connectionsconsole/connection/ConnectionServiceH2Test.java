package io.connectionsconsole.connection;

import io.connectionsconsole.support.ConsoleTest;

/** The connection rules on the embedded H2 database. */
@ConsoleTest
class ConnectionServiceH2Test extends ConnectionServiceContract {

}
