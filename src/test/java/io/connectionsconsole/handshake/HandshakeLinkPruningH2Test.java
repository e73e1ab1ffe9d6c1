package io.connectionsconsole.handshake;

import io.connectionsconsole.support.ConsoleTest;

/** The pruning of handshake links on the embedded H2 database. */
@ConsoleTest
class HandshakeLinkPruningH2Test extends HandshakeLinkPruningContract {

}
