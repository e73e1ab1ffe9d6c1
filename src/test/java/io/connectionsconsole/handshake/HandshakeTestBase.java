package io.connectionsconsole.handshake;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.connectionsconsole.account.Caller;
import io.connectionsconsole.connection.ConnectionService;
import io.connectionsconsole.region.RegionCatalogue;
import io.connectionsconsole.support.FakeProviders;
import io.connectionsconsole.support.TestAccounts;

/** What every handshake test starts from: fresh fake providers, a new account's admin, and the flow driver. */
abstract class HandshakeTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	ConnectionService connections;

	@Autowired
	RegionCatalogue regions;

	@Autowired
	JdbcClient jdbc;

	final FakeProviders fake = FakeProviders.get();

	HandshakeFlow flow;

	Caller caller;

	@BeforeEach
	void startFresh() {
		fake.reset();
		flow = new HandshakeFlow(mvc, testAccounts);
		caller = testAccounts.newAdmin();
	}

}
