package cq.talentwarehouse.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Opening DuckDB files the way this project needs them, and running the SQL files under {@code sql/}. */
public final class DuckDb {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DuckDb.class);

	/**
	 * Files stay readable by DuckDB 1.4+ clients (BI drivers pin 1.x); DuckDB 2.0's default storage
	 * format is not.
	 */
	public static final String STORAGE_COMPATIBILITY = "v1.2.0";

	/**
	 * Each folder's files and each file's text, read once a process: the application's SQL does not
	 * change while it runs, and listing a folder searches every jar of the class path, on a night's
	 * path for each of the build's folders and the data tests.
	 */
	private static final Map<String, List<Resource>> FOLDERS = new ConcurrentHashMap<>();

	private static final Map<Resource, String> TEXTS = new ConcurrentHashMap<>();

	private DuckDb() {
	}

	public static Connection openReadWrite(Path file) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("storage_compatibility_version", STORAGE_COMPATIBILITY);
		return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
	}

	/**
	 * The published file for a client that must not change anything — {@code query}, {@code report}:
	 * read-only, no file system access beyond the file itself (no attach of another database
	 * read-write, no {@code copy ... to}, no {@code install}), and the configuration locked so that no
	 * statement can undo that.
	 */
	public static Connection openLockedReadOnly(Path file) throws SQLException {
		return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), lockedReadOnly());
	}

	/** As {@link #openLockedReadOnly}, but files may be written into one folder ({@code export}). */
	public static Connection openLockedReadOnly(Path file, Path writableFolder) throws SQLException {
		Properties properties = lockedReadOnly();
		properties.setProperty("allowed_directories", "['" + writableFolder.toAbsolutePath().normalize().toString()
			.replace("'", "''") + "/']");
		return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
	}

	private static Properties lockedReadOnly() {
		Properties properties = new Properties();
		properties.setProperty("duckdb.read_only", "true");
		properties.setProperty("enable_external_access", "false");
		properties.setProperty("lock_configuration", "true");
		return properties;
	}

	public static Connection openReadOnly(Path file) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("duckdb.read_only", "true");
		return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
	}

	/** Closes a connection whose failure to close the caller can do nothing about (the process closes it at the latest). */
	static void closeQuietly(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			log.debug("closing a DuckDB connection failed", ex);
		}
	}

	/** A string literal for SQL that DuckDB cannot take as a parameter (table function arguments). */
	public static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	/** The classpath SQL files of a folder under {@code sql/}, in name order. */
	public static List<Resource> sqlFiles(String folder) {
		return FOLDERS.computeIfAbsent(folder, DuckDb::listSqlFiles);
	}

	private static List<Resource> listSqlFiles(String folder) {
		try {
			Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/" + folder + "/*.sql");
			// the first of each name in classpath order: a classpath that also reaches the project folder
			// (a jar whose manifest names ".") must not run a load script twice
			Map<String, Resource> byName = new TreeMap<>();
			for (Resource resource : found) {
				byName.putIfAbsent(String.valueOf(resource.getFilename()), resource);
			}
			return List.copyOf(byName.values());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list sql/" + folder, ex);
		}
	}

	/** A SQL file's text (the application's own: read once a process). */
	public static String text(Resource resource) {
		return TEXTS.computeIfAbsent(resource, DuckDb::read);
	}

	private static String read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + resource.getFilename(), ex);
		}
	}

	/**
	 * Runs the SQL files of each folder under {@code sql/} in turn, each folder's in name order; each
	 * file's time is logged at debug.
	 */
	public static void runFolders(Connection connection, List<String> folders) throws SQLException {
		for (String folder : folders) {
			for (Resource script : sqlFiles(folder)) {
				long t0 = System.nanoTime();
				runScript(connection, script);
				log.debug("sql/{}/{} took {} ms", folder, script.getFilename(), (System.nanoTime() - t0) / 1_000_000);
			}
		}
	}

	/** Runs every statement of a SQL file; the message of a failure names the file. */
	public static void runScript(Connection connection, Resource script) throws SQLException {
		String sql = text(script);
		for (String statement : statements(sql)) {
			long t0 = System.nanoTime();
			try (Statement s = connection.createStatement()) {
				s.execute(statement);
				if (log.isTraceEnabled()) {
					String shown = statement.strip().replaceAll("\\s+", " ");
					log.trace("{} ms: {}", (System.nanoTime() - t0) / 1_000_000,
							shown.substring(0, Math.min(120, shown.length())));
				}
			}
			catch (SQLException ex) {
				throw new SQLException("sql/" + script.getFilename() + ": " + ex.getMessage(), ex);
			}
		}
	}

	/**
	 * Splits a script on the semicolons that end statements: not those inside a 'string', a
	 * "quoted identifier", a -- line comment or a block comment. Comments are dropped (a line
	 * comment's newline stays, a block comment becomes one space).
	 */
	public static List<String> statements(String sql) {
		List<String> out = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		char quote = 0; // ' or " while inside one; a doubled quote closes and reopens, which reads the same
		int i = 0;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			char next = (i + 1 < sql.length()) ? sql.charAt(i + 1) : 0;
			if (quote != 0) {
				quote = (c == quote) ? 0 : quote;
				current.append(c);
				i++;
			}
			else if (c == '-' && next == '-') {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? sql.length() : end;
			}
			else if (c == '/' && next == '*') {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? sql.length() : end + 2;
				current.append(' ');
			}
			else if (c == ';') {
				if (!current.toString().isBlank()) {
					out.add(current.toString().strip());
				}
				current.setLength(0);
				i++;
			}
			else {
				quote = (c == '\'' || c == '"') ? c : 0;
				current.append(c);
				i++;
			}
		}
		if (!current.toString().isBlank()) {
			out.add(current.toString().strip());
		}
		return out;
	}

}
