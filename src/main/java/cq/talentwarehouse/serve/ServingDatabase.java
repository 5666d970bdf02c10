package cq.talentwarehouse.serve;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL plumbing of a serve (connect, run a statement, explain a failure), apart from what it serves. */
final class ServingDatabase {

	// the serve's own log category, so one logger setting still shows all of a serve
	private static final Logger log = LoggerFactory.getLogger(WarehouseServer.class);

	private ServingDatabase() {
	}

	/** A connection to the serving database with the timeouts that keep a quiet server from hanging the night. */
	static Connection connect(ServeTarget target) throws SQLException {
		Properties properties = new Properties();
		if (target.user() != null) {
			properties.setProperty("user", target.user());
		}
		if (target.password() != null) {
			properties.setProperty("password", target.password());
		}
		properties.setProperty("connectTimeout", "10");
		// a server that stops answering mid-serve fails the serve instead of hanging the night
		properties.setProperty("socketTimeout", "600");
		properties.setProperty("tcpKeepAlive", "true");
		properties.setProperty("ApplicationName", "talent-warehouse serve");
		Connection connection = new org.postgresql.Driver().connect(target.url(), properties);
		if (connection == null) {
			throw new SQLException("the URL is not a PostgreSQL JDBC URL");
		}
		return connection;
	}

	/** Runs one statement, its time in the trace log. */
	static void execute(Connection pg, String sql) throws SQLException {
		long t0 = System.nanoTime();
		try (Statement s = pg.createStatement()) {
			s.execute(sql);
		}
		if (log.isTraceEnabled()) {
			log.trace("{} ms: {}", (System.nanoTime() - t0) / 1_000_000, sql.substring(0, Math.min(100, sql.length())));
		}
	}

	static boolean schemaExists(Connection pg, String schema) throws SQLException {
		try (var s = pg.prepareStatement("select 1 from pg_namespace where nspname = ?")) {
			s.setString(1, schema);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next();
			}
		}
	}

	/** What went wrong, in words an operator acts on: disk full, server down or unreachable, else the server's message. */
	static String reason(SQLException ex) {
		if (ex instanceof PSQLException p && p.getServerErrorMessage() != null) {
			ServerErrorMessage m = p.getServerErrorMessage();
			String text = m.getMessage();
			if ("53100".equals(ex.getSQLState())) {
				text = "the server's disk is full (" + text + ")";
			}
			else if (ex.getSQLState() != null && ex.getSQLState().startsWith("57P")) {
				text = "the server shut down (" + text + ")";
			}
			return text;
		}
		String state = ex.getSQLState();
		if (state != null && state.startsWith("08")) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			String text = firstLine(ex.getMessage());
			int cut = text.indexOf(". ");
			text = (cut > 0) ? text.substring(0, cut) : text;
			return "the server cannot be reached or went away (" + text
					+ ((cause != ex && cause.getMessage() != null) ? ": " + firstLine(cause.getMessage()) : "") + ")";
		}
		return firstLine(ex.getMessage());
	}

	static String firstLine(String text) {
		if (text == null) {
			return "(no message)";
		}
		int end = text.indexOf('\n');
		return ((end >= 0) ? text.substring(0, end) : text).strip();
	}

}
