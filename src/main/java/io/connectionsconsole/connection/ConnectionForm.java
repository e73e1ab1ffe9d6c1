package io.connectionsconsole.connection;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.web.CheckedForm;
import io.connectionsconsole.web.FormErrors;

/**
 * What the Add connection form posts. The provider is a {@link ProviderType}'s name, or {@code host:{id}} for one of
 * the Region's hosts. Tags come as lines of {@code key=value}; spaces around the name are dropped.
 */
record ConnectionForm(String name, String providerType, String tags) implements CheckedForm {

	static final ConnectionForm EMPTY = new ConnectionForm("", null, "");

	/** The choice of a host: {@code host:} and its id. */
	static final String HOST = "host:";

	/** Every broken rule at once, each at its field: the name's, a provider chosen, the tags'. */
	@Override
	public void check(Errors errors) {
		FormErrors.check(errors, "name", () -> ConnectionName.of(name));
		if ((providerType == null || providerType.isEmpty()) && !errors.hasFieldErrors("providerType")) {
			errors.rejectValue("providerType", "required");
		}
		else if (hostId() == null) {
			FormErrors.check(errors, "providerType", () -> ProviderType.parse(providerType));
		}
		FormErrors.check(errors, "tags", this::parsedTags);
	}

	/** The provider chosen, when it is a cloud provider. */
	ProviderType type() {
		return ProviderType.parse(providerType);
	}

	/** The host chosen; null for a cloud provider. */
	String hostId() {
		return providerType != null && providerType.startsWith(HOST) ? providerType.substring(HOST.length()) : null;
	}

	ConnectionForm {
		name = name == null ? "" : withoutSpaces(name);
		tags = tags == null ? "" : tags;
	}

	/**
	 * The tag lines as tags; blank lines are skipped, a line without {@code =} is a key with an empty value. Spaces
	 * around keys and values are dropped.
	 */
	Tags parsedTags() {
		List<Tag> list = new ArrayList<>();
		int lineNumber = 0;
		// Lines end as a browser ends them; any other line terminator is in a tag, and the tag rule refuses it.
		for (String line : tags.split("\r\n|\r|\n")) {
			lineNumber++;
			if (withoutSpaces(line).isEmpty()) {
				continue;
			}
			int eq = line.indexOf('=');
			String key = withoutSpaces(eq < 0 ? line : line.substring(0, eq));
			String value = eq < 0 ? "" : withoutSpaces(line.substring(eq + 1));
			if (key.isEmpty()) {
				throw new InvalidInputException("Tags", "Line " + lineNumber + " of the tags has no key before '='.");
			}
			list.add(new Tag(key, value));
		}
		return new Tags(list);
	}

	/**
	 * {@code text} without the spaces at either end. Not {@code trim} or {@code strip}: they drop control characters
	 * and line separators there too, which the tag rule refuses.
	 */
	private static String withoutSpaces(String text) {
		return StringUtils.trimTrailingCharacter(StringUtils.trimLeadingCharacter(text, ' '), ' ');
	}

}
