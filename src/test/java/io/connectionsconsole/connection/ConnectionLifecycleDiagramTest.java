package io.connectionsconsole.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state diagram of docs/lifecycle.md draws {@link ConnectionLifecycle}: every transition of the table is drawn,
 * and every transition drawn is in the table. A transition is {@code FROM --> TO : event}, {@code [*]} standing for
 * "no connection yet" and the event written in words.
 */
class ConnectionLifecycleDiagramTest {

	private static final Path DOC = Path.of("docs/lifecycle.md");

	private static final Pattern TRANSITION = Pattern.compile("\\s*(\\S+)\\s*-->\\s*(\\S+)\\s*:\\s*(\\S.*?)\\s*");

	private static final String START = "[*]";

	@Test
	void theDiagramInTheDocsDrawsExactlyTheLifecycleTable() throws IOException {
		Set<String> drawn = drawn(Files.readAllLines(DOC));
		Set<String> table = table();

		assertThat(drawn).as("transitions drawn in %s", DOC).isNotEmpty();
		assertThat(table).as("transitions of the table not drawn in %s", DOC).isSubsetOf(drawn);
		assertThat(drawn).as("transitions drawn in %s that the table doesn't have", DOC).isSubsetOf(table);
	}

	private static Set<String> table() {
		Set<String> transitions = new TreeSet<>();
		for (ConnectionEvent event : ConnectionEvent.values()) {
			String to = ConnectionLifecycle.target(event).name();
			Set<ConnectionStatus> sources = ConnectionLifecycle.sources(event);
			if (sources.isEmpty()) {
				transitions.add(transition(START, to, event));
			}
			sources.forEach((from) -> transitions.add(transition(from.name(), to, event)));
		}
		return transitions;
	}

	/** The transitions of the document's {@code stateDiagram-v2}; a line with an arrow that doesn't read as one fails. */
	private static Set<String> drawn(List<String> lines) {
		Set<String> transitions = new TreeSet<>();
		boolean inDiagram = false;
		for (String line : lines) {
			if (line.strip().equals("stateDiagram-v2")) {
				inDiagram = true;
			}
			else if (inDiagram && line.strip().startsWith("```")) {
				inDiagram = false;
			}
			else if (inDiagram && line.contains("-->")) {
				Matcher matcher = TRANSITION.matcher(line);
				assertThat(matcher.matches()).as("a transition FROM --> TO : event, in %s: %s", DOC, line).isTrue();
				ConnectionEvent event = ConnectionEvent
					.valueOf(matcher.group(3).toUpperCase(Locale.ROOT).replace(' ', '_'));
				transitions.add(transition(matcher.group(1), matcher.group(2), event));
			}
		}
		return transitions;
	}

	private static String transition(String from, String to, ConnectionEvent event) {
		return from + " --> " + to + " : " + event;
	}

}
