package io.connectionsconsole.handshake;

import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.connectionsconsole.connection.ConnectionId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes that go back to details are an attribute each, so that two started at once in two tabs, each writing
 * only its own attribute to the stored session, don't overwrite one another; no state is stored as it is.
 */
class ReturnsToDetailsTest {

	@Test
	void eachHandshakeIsAnAttributeOfItsOwnNamedByItsStatesHash() {
		MockHttpSession session = new MockHttpSession();
		ConnectionId first = ConnectionId.random();
		ConnectionId second = ConnectionId.random();

		ReturnsToDetails.remember(session, "state-of-the-first", first);
		ReturnsToDetails.remember(session, "state-of-the-second", second);

		assertThat(Collections.list(session.getAttributeNames())).hasSize(2)
			.allSatisfy((name) -> assertThat(name).startsWith(ReturnsToDetails.PREFIX).doesNotContain("state-of"));
		assertThat(ReturnsToDetails.of(session, "state-of-the-first")).isEqualTo(first);
		ReturnsToDetails.forget(session, "state-of-the-first");
		assertThat(ReturnsToDetails.of(session, "state-of-the-first")).isNull();
		assertThat(ReturnsToDetails.of(session, "state-of-the-second")).isEqualTo(second);
		assertThat(ReturnsToDetails.of(session, null)).isNull();
	}

	@Test
	void aSessionKeepsTheLatestFewAndAlwaysTheOneJustStarted() {
		MockHttpSession session = new MockHttpSession();
		for (int started = 0; started < ReturnsToDetails.KEPT * 2; started++) {
			ReturnsToDetails.remember(session, "state-" + started, ConnectionId.random());
		}

		assertThat(Collections.list(session.getAttributeNames())).hasSize(ReturnsToDetails.KEPT);
		assertThat(ReturnsToDetails.of(session, "state-" + (ReturnsToDetails.KEPT * 2 - 1))).isNotNull();
	}

}
