package io.connectionsconsole.connection;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.connectionsconsole.account.Caller;

/** Each user's preferences for the Connected accounts table: page size and visible columns. */
@Service
public class ListPreferencesService {

	private final ListPreferencesRepository preferences;

	ListPreferencesService(ListPreferencesRepository preferences) {
		this.preferences = preferences;
	}

	/** The caller's preferences; the defaults until they choose. */
	@Transactional(readOnly = true)
	public ListPreferences of(Caller caller) {
		return preferences.find(caller.userId()).orElse(ListPreferences.DEFAULT);
	}

	/**
	 * Keeps the caller's preferences: their own, so read-only users keep theirs too. Each statement commits on its own:
	 * a first save that loses the race to insert updates instead, which PostgreSQL refuses within a transaction that
	 * has met the duplicate key.
	 */
	public void save(Caller caller, ListPreferences chosen) {
		preferences.save(caller.userId(), chosen);
	}

}
