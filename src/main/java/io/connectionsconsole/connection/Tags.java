package io.connectionsconsole.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
		requireAtMostMax(byKey.size());
		list = List.copyOf(byKey.values());
	}

	public static Tags none() {
		return new Tags(List.of());
	}

	/**
	 * Refuses these tags when a resource holding {@code present} would have more than {@value #MAX_TAGS} with them
	 * added; a key present counts once, as adding it replaces its value.
	 */
	void requireRoomBeside(List<Tag> present) {
		long tags = Stream.concat(present.stream(), list.stream()).map(Tag::key).distinct().count();
		if (tags > MAX_TAGS) {
			throw new InvalidInputException("Tags", "A resource can have at most " + MAX_TAGS + " tags: it has "
					+ present.size() + ", and these would make " + tags + ".");
		}
	}

	private static void requireAtMostMax(int tags) {
		if (tags > MAX_TAGS) {
			throw new InvalidInputException("Tags",
					"A resource can have at most " + MAX_TAGS + " tags; " + tags + " were given.");
		}
	}

}
