package io.connectionsconsole.connection;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's preferences for the Connected accounts table: one row a user, read by its primary key. */
@Repository
class ListPreferencesRepository {

	private final JdbcClient jdbc;

	ListPreferencesRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ListPreferences> find(long userId) {
		return jdbc.sql("SELECT page_size, visible_columns FROM connection_list_preference WHERE user_id = :user")
			.param("user", userId)
			.query((rs, n) -> {
				String columns = rs.getString("visible_columns");
				return ListPreferences.of(rs.getInt("page_size"),
						columns.isEmpty() ? List.of() : Arrays.asList(columns.split(",")));
			})
			.optional();
	}

	/** Stores the preferences, replacing any; two saves of one user at once leave one of them. */
	void save(long userId, ListPreferences preferences) {
		if (update(userId, preferences)) {
			return;
		}
		try {
			jdbc.sql("""
					INSERT INTO connection_list_preference (user_id, page_size, visible_columns)
					VALUES (:user, :pageSize, :columns)""")
				.param("user", userId)
				.param("pageSize", preferences.pageSize())
				.param("columns", String.join(",", preferences.columns()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			update(userId, preferences);
		}
	}

	private boolean update(long userId, ListPreferences preferences) {
		return jdbc.sql("""
				UPDATE connection_list_preference SET page_size = :pageSize, visible_columns = :columns
				WHERE user_id = :user""")
			.param("pageSize", preferences.pageSize())
			.param("columns", String.join(",", preferences.columns()))
			.param("user", userId)
			.update() == 1;
	}

}
