package io.connectionsconsole.connection;

import java.util.ArrayList;
import java.util.List;

import io.connectionsconsole.error.InvalidInputException;

/** What the Add connection form posts. Tags come as lines of {@code key=value}. */
public class ConnectionForm {

	private String name = "";

	private String providerType = "";

	private String tags = "";

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name == null ? "" : name.trim();
	}

	public String getProviderType() {
		return providerType;
	}

	public void setProviderType(String providerType) {
		this.providerType = providerType == null ? "" : providerType;
	}

	public String getTags() {
		return tags;
	}

	public void setTags(String tags) {
		this.tags = tags == null ? "" : tags;
	}

	/** The tag lines as tags; blank lines are skipped, a line without {@code =} is a key with an empty value. */
	Tags parsedTags() {
		List<Tag> list = new ArrayList<>();
		int lineNumber = 0;
		for (String line : tags.split("\\R")) {
			lineNumber++;
			if (line.isBlank()) {
				continue;
			}
			int eq = line.indexOf('=');
			String key = (eq < 0 ? line : line.substring(0, eq)).trim();
			String value = eq < 0 ? "" : line.substring(eq + 1).trim();
			if (key.isEmpty()) {
				throw new InvalidInputException("Tags", "Line " + lineNumber + " of the tags has no key before '='.");
			}
			list.add(new Tag(key, value));
		}
		return new Tags(list);
	}

}
