package io.connectionsconsole.api;

import java.util.List;

/** The embedded default, as configured in application.properties: an H2 file database under ./data. */
class AcknowledgedWritesH2Test extends AcknowledgedWritesContract {

	@Override
	List<String> databaseArguments() {
		return List.of();
	}

}
