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
 * Rules every template keeps: no inline script or style (the Content-Security-Policy would block them), all
 * visible text from messages.properties, every message key a template names exists, and every form that posts
 * carries the CSRF token.
 */
class TemplateRulesTest {

	private static final Path TEMPLATES = Path.of("src/main/jte");

	private static final Pattern TAG = Pattern
		.compile("<(/?)([a-zA-Z][\\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>");

	private static final Pattern MESSAGE_KEY = Pattern.compile("ctx\\.msg\\(\"([\\w.]+)\"[,)]");

	private static final Pattern POST_FORM = Pattern.compile("(?s)<form[^>]*method=\"post\".*?</form>");

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			List<Path> templates = files.filter((p) -> p.toString().endsWith(".jte")).sorted().toList();
			assertThat(templates).as("templates under " + TEMPLATES).isNotEmpty();
			return templates;
		}
	}

	private static String source(Path file) {
		try {
			return Files.readString(file).replaceAll("(?s)<%--.*?--%>", "").replaceAll("(?s)<!--.*?-->", "");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The template's HTML with its code left out: expressions, template calls and control lines. */
	private static String markup(Path file) {
		return source(file).replaceAll("\\$(unsafe)?\\{(?:[^{}]|\\{[^{}]*\\})*\\}", "")
			.replaceAll("@template\\.[\\w.]+\\((?:[^()\\n]|\\([^()\\n]*\\))*\\)", "")
			.replaceAll("(?m)^\\s*(@|!\\{|`).*$", "")
			.replace("<!DOCTYPE html>", "");
	}

	@Test
	void noTemplateHasInlineScriptStyleOrEventHandlers() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path template : templates()) {
			Matcher tag = TAG.matcher(markup(template));
			while (tag.find()) {
				String name = tag.group(2).toLowerCase();
				String attributes = tag.group(3);
				if (name.equals("style")) {
					problems.add(template + ": <style>");
				}
				if (name.equals("script") && tag.group(1).isEmpty() && !attributes.contains("src=")) {
					problems.add(template + ": inline <script>");
				}
				if (attributes.matches("(?s).*\\sstyle=.*")) {
					problems.add(template + ": style= on <" + name + ">");
				}
				if (attributes.matches("(?s).*\\son[a-z]+=.*")) {
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
			String html = markup(template);
			Matcher tag = TAG.matcher(html);
			int end = 0;
			while (tag.find()) {
				String text = html.substring(end, tag.start()).trim();
				if (text.matches("(?s).*\\p{L}.*")) {
					problems.add(template + ": hard-coded text '" + text + "'");
				}
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
		int keys = 0;
		for (Path template : templates()) {
			Matcher key = MESSAGE_KEY.matcher(source(template));
			while (key.find()) {
				keys++;
				if (!messages.containsKey(key.group(1))) {
					missing.add(template + ": " + key.group(1));
				}
			}
		}
		assertThat(keys).isPositive();
		assertThat(missing).isEmpty();
	}

	@Test
	void everyFormThatPostsCarriesTheCsrfToken() throws IOException {
		List<String> problems = new ArrayList<>();
		int forms = 0;
		for (Path template : templates()) {
			Matcher form = POST_FORM.matcher(source(template));
			while (form.find()) {
				forms++;
				if (!form.group().contains("@template.fragments.csrf(")) {
					problems.add(template + ": " + form.group().lines().findFirst().orElse("").trim());
				}
			}
		}
		assertThat(forms).isPositive();
		assertThat(problems).isEmpty();
	}

}
