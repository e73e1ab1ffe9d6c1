package io.connectionsconsole.config;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A database the console can't use at start (down, unreachable, refusing the user or the password, no such database,
 * the embedded one's file in use by another console), reported as Spring Boot reports a refused setting, with the
 * driver's own reason, rather than as a stack trace that begins with the first bean that asked for a connection.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {

	/** H2's "database may be already in use": another process has the file open. */
	private static final String H2_FILE_IN_USE = "90020";

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && unusable(sql)) {
				return new FailureAnalysis("The database could not be used at start: " + reason(sql),
						H2_FILE_IN_USE.equals(sql.getSQLState())
								? "Stop the other console (or program) that has the database file open, or give this "
										+ "one a file of its own in spring.datasource.url, and start again."
								: "Check that the database is up and that the console can reach it, and the settings "
										+ "spring.datasource.url, spring.datasource.username and "
										+ "spring.datasource.password (or their environment variables: "
										+ "SPRING_DATASOURCE_URL and so on), and start again.",
						failure);
			}
		}
		return null;
	}

	/**
	 * A failure to connect rather than of a statement: the SQL states of a connection ({@code 08}), of an
	 * authorization ({@code 28}) and of a database name ({@code 3D}), H2's file in use, or a pool that got no
	 * connection in time.
	 */
	private static boolean unusable(SQLException ex) {
		String state = ex.getSQLState() == null ? "" : ex.getSQLState();
		return ex instanceof SQLTransientConnectionException || state.startsWith("08") || state.startsWith("28")
				|| state.startsWith("3D") || state.equals(H2_FILE_IN_USE);
	}

	/** The driver's message, and the cause that names what failed beneath it (an unknown host, say). */
	private static String reason(SQLException ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String said = String.valueOf(ex.getMessage()).strip();
		return (root == ex || root.getMessage() == null || said.contains(root.getMessage())) ? said
				: said + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
	}

}
