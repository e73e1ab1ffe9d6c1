package io.connectionsconsole.account;

import io.connectionsconsole.support.ConsoleTest;

/** User management on the embedded H2 database. */
@ConsoleTest
class UserServiceH2Test extends UserServiceContract {

}
