package io.connectionsconsole.connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.connectionsconsole.error.InvalidInputException;
import io.connectionsconsole.error.Printable;

/**
 * How a user wants the Connected accounts table: connections a page, and which of the optional columns it shows (the
 * name is always shown). Each user keeps their own, in the database.
 */
public record ListPreferences(int pageSize, boolean provider, boolean status, boolean created, boolean lastChecked,
		boolean lastUsed) {

	/** The page sizes to choose from, as in the AWS console's collection preferences. */
	public static final List<Integer> PAGE_SIZES = List.of(10, 30, 50);

	/** The optional columns, by the names the form and the database use. */
	public static final List<String> COLUMNS = List.of("provider", "status", "created", "lastChecked", "lastUsed");

	/** What a user who never chose sees: ten a page, every column. */
	public static final ListPreferences DEFAULT = new ListPreferences(10, true, true, true, true, true);

	public ListPreferences {
		if (!PAGE_SIZES.contains(pageSize)) {
			throw new InvalidInputException("PageSize", "Choose 10, 30 or 50 connections a page.");
		}
	}

	/** The preferences a form or the database gives: a page size and the names of the columns to show. */
	public static ListPreferences of(Integer pageSize, Collection<String> columns) {
		for (String column : columns) {
			if (!COLUMNS.contains(column)) {
				throw new InvalidInputException("Columns", "There is no column '" + Printable.excerpt(column, 40) + "' to show.");
			}
		}
		// no page size chosen is none of the choices
		return new ListPreferences(pageSize == null ? 0 : pageSize, columns.contains("provider"), columns.contains("status"),
				columns.contains("created"), columns.contains("lastChecked"), columns.contains("lastUsed"));
	}

	/** The names of the columns shown, in table order. */
	public List<String> columns() {
		List<String> shown = new ArrayList<>(COLUMNS.size());
		if (provider) {
			shown.add("provider");
		}
		if (status) {
			shown.add("status");
		}
		if (created) {
			shown.add("created");
		}
		if (lastChecked) {
			shown.add("lastChecked");
		}
		if (lastUsed) {
			shown.add("lastUsed");
		}
		return shown;
	}

}
