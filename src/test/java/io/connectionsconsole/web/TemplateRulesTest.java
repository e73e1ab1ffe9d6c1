package io.connectionsconsole.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules every template keeps: no inline script or style (the Content-Security-Policy would block them),
 * all visible text from messages.properties, and every message key a template names exists.
 */
class TemplateRulesTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Pattern TAG = Pattern
		.compile("<(/?)([a-zA-Z][\\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>");

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([\\w.]+)");

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter((p) -> p.toString().endsWith(".html")).sorted().toList();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).replaceAll("(?s)<!--.*?-->", "").replace("<!DOCTYPE html>", "");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void noTemplateHasInlineScriptStyleOrEventHandlers() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path template : templates()) {
			String html = read(template);
			Matcher tag = TAG.matcher(html);
			while (tag.find()) {
				String name = tag.group(2).toLowerCase();
				String attributes = tag.group(3);
				if (name.equals("style")) {
					problems.add(template + ": <style>");
				}
				if (name.equals("script") && tag.group(1).isEmpty() && !attributes.contains("src=")) {
					problems.add(template + ": inline <script>");
				}
				if (attributes.matches("(?s).*\\s(th:)?style=.*")) {
					problems.add(template + ": style= on <" + name + ">");
				}
				if (attributes.matches("(?s).*\\s(th:)?on[a-z]+=.*")) {
					problems.add(template + ": event handler on <" + name + ">");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyVisibleTextComesFromMessages() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path template : templates()) {
			String html = read(template);
			Matcher tag = TAG.matcher(html);
			String previousTag = "";
			boolean previousIsStart = false;
			int end = 0;
			while (tag.find()) {
				String text = html.substring(end, tag.start()).trim();
				boolean replaced = previousIsStart && previousTag.matches("(?s).*\\sth:(text|utext|replace|insert|errors)=.*");
				if (!text.isEmpty() && text.matches("(?s).*\\p{L}.*") && !replaced) {
					problems.add(template + ": hard-coded text '" + text + "'");
				}
				previousTag = tag.group(0);
				previousIsStart = tag.group(1).isEmpty();
				end = tag.end();
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyMessageKeyUsedByATemplateExists() throws IOException {
		Properties messages = new Properties();
		try (var in = Files.newBufferedReader(Path.of("src/main/resources/messages.properties"))) {
			messages.load(in);
		}
		List<String> missing = new ArrayList<>();
		for (Path template : templates()) {
			Matcher key = MESSAGE_KEY.matcher(read(template));
			while (key.find()) {
				if (!messages.containsKey(key.group(1))) {
					missing.add(template + ": " + key.group(1));
				}
			}
		}
		assertThat(missing).isEmpty();
	}

}
