package io.connectionsconsole.session;

import io.connectionsconsole.support.ConsoleTest;

/** The database session store on the embedded H2 database. */
@ConsoleTest
class DatabaseSessionRepositoryH2Test extends DatabaseSessionRepositoryContract {

}
