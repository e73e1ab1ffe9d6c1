package io.connectionsconsole.link;

import io.connectionsconsole.support.ConsoleTest;

/** Repository links and their tokens on the embedded H2 database. */
@ConsoleTest
class RepositoryLinkH2Test extends RepositoryLinkContract {

}
