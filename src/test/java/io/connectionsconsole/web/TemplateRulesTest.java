package io.connectionsconsole.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules every template keeps: no inline script or style (the Content-Security-Policy would block them), all visible
 * text from messages.properties (text written in a template is only its prototype, replaced when it renders), every
 * message key a template names exists (those listed for a table's column headers too), and every form that posts does
 * so through {@code th:action}, which adds the CSRF token.
 */
class TemplateRulesTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Pattern TAG = Pattern
		.compile("<(/?)([a-zA-Z][\\w:.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>");

	/** {@code #{key}} or {@code #{key(arguments)}}; keys computed from expressions are left out. */
	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([\\w.]+)[(}]");

	/** The message keys of a table's column headers, listed for {@code fragments/table :: columns(…)}. */
	private static final Pattern COLUMN_KEYS = Pattern
		.compile("(?s)fragments/table :: columns\\(\\$\\{ \\{(.*?)} }\\)");

	private static final Pattern QUOTED_KEY = Pattern.compile("'([\\w.]+)'");

	private static final Pattern POST_FORM = Pattern.compile("(?s)<form\\b[^>]*method=\"post\"[^>]*>");

	/** Attributes whose element's body Thymeleaf replaces, or removes, when it renders. */
	private static final Pattern REPLACES_BODY = Pattern
		.compile("\\s(th:text|th:utext|th:errors|th:replace|th:insert|th:remove)=");

	private static final Pattern FRAGMENT_NAME = Pattern.compile("th:fragment=\"([\\w-]+)");

	private static final Set<String> VOID_ELEMENTS = Set.of("meta", "link", "input", "br", "img", "hr", "source");

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			List<Path> templates = files.filter((p) -> p.toString().endsWith(".html")).sorted().toList();
			assertThat(templates).as("templates under " + TEMPLATES).isNotEmpty();
			return templates;
		}
	}

	/** The template without its comments, which never reach a page. */
	private static String source(Path file) {
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
			Matcher tag = TAG.matcher(source(template));
			while (tag.find()) {
				String name = tag.group(2).toLowerCase();
				String attributes = tag.group(3);
				if (name.equals("style")) {
					problems.add(template + ": <style>");
				}
				if (name.equals("script") && tag.group(1).isEmpty() && !attributes.matches("(?s).*\\s(th:)?src=.*")) {
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
			String html = source(template);
			Deque<Boolean> replaced = new ArrayDeque<>();
			Matcher tag = TAG.matcher(html);
			int end = 0;
			while (tag.find()) {
				String text = html.substring(end, tag.start()).trim();
				boolean prototypeOnly = replaced.contains(Boolean.TRUE);
				if (text.matches("(?s).*\\p{L}.*") && !prototypeOnly) {
					problems.add(template + ": hard-coded text '" + text + "'");
				}
				end = tag.end();
				String name = tag.group(2).toLowerCase();
				boolean closing = !tag.group(1).isEmpty();
				if (closing) {
					replaced.pop();
				}
				else if (tag.group(4).isEmpty() && !VOID_ELEMENTS.contains(name)) {
					replaced.push(REPLACES_BODY.matcher(tag.group(3)).find());
				}
			}
			assertThat(replaced).as(template + ": every element is closed").isEmpty();
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
			String source = source(template);
			List<String> named = new ArrayList<>();
			MESSAGE_KEY.matcher(source).results().forEach((key) -> named.add(key.group(1)));
			COLUMN_KEYS.matcher(source)
				.results()
				.forEach((columns) -> QUOTED_KEY.matcher(columns.group(1))
					.results()
					.forEach((key) -> named.add(key.group(1))));
			for (String key : named) {
				keys++;
				if (!messages.containsKey(key)) {
					missing.add(template + ": " + key);
				}
			}
		}
		assertThat(keys).isPositive();
		assertThat(missing).isEmpty();
	}

	/** A key given again in messages.properties replaces the first without a word: each is given once. */
	@Test
	void eachMessageKeyIsGivenOnce() throws IOException {
		List<String> again = new ArrayList<>();
		Properties messages = new Properties() {
			@Override
			public synchronized Object put(Object key, Object value) {
				if (containsKey(key)) {
					again.add(key.toString());
				}
				return super.put(key, value);
			}
		};
		try (var in = Files.newBufferedReader(Path.of("src/main/resources/messages.properties"))) {
			messages.load(in);
		}
		assertThat(messages).isNotEmpty();
		assertThat(again).isEmpty();
	}

	/**
	 * A fragment selector such as {@code fragments/field :: input(…)} picks the fragment of that name and, as a markup
	 * selector, every {@code <input>} of the file too: a page would get stray fields. In a file that defines a fragment
	 * named after an element, the fragment's own element is the only one of that name.
	 */
	@Test
	void noFragmentSelectorAlsoPicksElementsOfItsName() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path template : templates()) {
			String html = source(template);
			Set<String> fragments = new TreeSet<>();
			Matcher fragment = FRAGMENT_NAME.matcher(html);
			while (fragment.find()) {
				fragments.add(fragment.group(1).toLowerCase());
			}
			Matcher tag = TAG.matcher(html);
			while (tag.find()) {
				String name = tag.group(2).toLowerCase();
				if (tag.group(1).isEmpty() && fragments.contains(name)
						&& !tag.group(3).matches("(?s).*\\sth:fragment=\"" + name + "\\b.*")) {
					problems.add(template + ": <" + name + "> beside the fragment '" + name + "'");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyFormThatPostsGoesThroughThActionWhichAddsTheCsrfToken() throws IOException {
		List<String> problems = new ArrayList<>();
		int forms = 0;
		for (Path template : templates()) {
			Matcher form = POST_FORM.matcher(source(template));
			while (form.find()) {
				forms++;
				if (!form.group().contains("th:action=")) {
					problems.add(template + ": " + form.group());
				}
			}
		}
		assertThat(forms).isPositive();
		assertThat(problems).isEmpty();
	}

	/** A page shows in its layout, which gives it its title, in place too (web/InPlacePages). */
	@Test
	void everyPageGoesThroughTheLayoutWhichGivesItItsTitle() throws IOException {
		List<String> pages = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (Path template : templates()) {
			String source = source(template);
			if (source.contains("th:fragment=\"page\"")) {
				pages.add(template.toString());
				if (!source.contains("th:replace=\"~{layout :: layout(")) {
					problems.add(template.toString());
				}
			}
		}
		assertThat(pages).hasSizeGreaterThan(10);
		assertThat(problems).isEmpty();
	}

}
