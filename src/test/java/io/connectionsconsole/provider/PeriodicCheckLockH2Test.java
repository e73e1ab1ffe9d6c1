package io.connectionsconsole.provider;

import io.connectionsconsole.support.ConsoleTest;

/** The periodic check's lock on the embedded H2 database. */
@ConsoleTest
class PeriodicCheckLockH2Test extends PeriodicCheckLockContract {

}
