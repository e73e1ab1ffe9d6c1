package io.connectionsconsole.connection;

import java.util.Arrays;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.connectionsconsole.account.Caller;

/** Each user's preferences for the Connected accounts table: one row a user, read by its primary key. */
@Service
public class ListPreferencesService {

	private static final String UPDATE = """
			UPDATE connection_list_preference SET page_size = :pageSize, visible_columns = :columns
			WHERE user_id = :user""";

	private static final String INSERT = """
			INSERT INTO connection_list_preference (user_id, page_size, visible_columns)
			VALUES (:user, :pageSize, :columns)""";

	private final JdbcClient jdbc;

	ListPreferencesService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The caller's preferences; the defaults until they choose. */
	@Transactional(readOnly = true)
	public ListPreferences of(Caller caller) {
		return jdbc.sql("SELECT page_size, visible_columns FROM connection_list_preference WHERE user_id = :user")
			.param("user", caller.userId())
			.query((rs, n) -> {
				String columns = rs.getString("visible_columns");
				return ListPreferences.of(rs.getInt("page_size"),
						columns.isEmpty() ? List.of() : Arrays.asList(columns.split(",")));
			})
			.optional()
			.orElse(ListPreferences.DEFAULT);
	}

	/**
	 * Keeps the caller's preferences, replacing any: their own, so read-only users keep theirs too. Each statement
	 * commits on its own: a first save that loses the race to insert updates instead, which PostgreSQL refuses within
	 * a transaction that has met the duplicate key.
	 */
	public void save(Caller caller, ListPreferences chosen) {
		if (write(UPDATE, caller.userId(), chosen)) {
			return;
		}
		try {
			write(INSERT, caller.userId(), chosen);
		}
		catch (DuplicateKeyException ex) {
			write(UPDATE, caller.userId(), chosen);
		}
	}

	private boolean write(String statement, long userId, ListPreferences preferences) {
		return jdbc.sql(statement)
			.param("user", userId)
			.param("pageSize", preferences.pageSize())
			.param("columns", String.join(",", preferences.columns()))
			.update() == 1;
	}

}
