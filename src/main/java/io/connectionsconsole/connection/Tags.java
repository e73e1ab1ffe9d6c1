package io.connectionsconsole.connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/** A set of tags with distinct keys, at most {@value #MAX_TAGS} of them. */
public record Tags(List<Tag> list) {

	public static final int MAX_TAGS = 50;

	public Tags {
		Map<String, Tag> byKey = new LinkedHashMap<>();
		for (Tag tag : list) {
			if (byKey.put(tag.key(), tag) != null) {
				throw new InvalidInputException("Tags", "Tag key '" + Printable.of(tag.key()) + "' appears more than once.");
			}
		}
		if (byKey.size() > MAX_TAGS) {
			throw new InvalidInputException("Tags",
					"A resource can have at most " + MAX_TAGS + " tags; " + byKey.size() + " were given.");
		}
		list = List.copyOf(byKey.values());
	}

	public static Tags none() {
		return new Tags(List.of());
	}

	public static Tags of(Collection<Tag> tags) {
		return new Tags(new ArrayList<>(tags));
	}

	public boolean isEmpty() {
		return list.isEmpty();
	}

}
