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
import java.util.Properties;

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

	/** A string literal for SQL that DuckDB cannot take as a parameter (table function arguments). */
	public static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	/** The classpath SQL files of a folder under {@code sql/}, in name order. */
	public static List<Resource> sqlFiles(String folder) {
		try {
			Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/" + folder + "/*.sql");
			// the first of each name in classpath order: a classpath that also reaches the project folder
			// (a jar whose manifest names ".") must not run a load script twice
			java.util.Map<String, Resource> byName = new java.util.TreeMap<>();
			for (Resource resource : found) {
				byName.putIfAbsent(String.valueOf(resource.getFilename()), resource);
			}
			return new ArrayList<>(byName.values());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list sql/" + folder, ex);
		}
	}

	public static String text(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + resource.getFilename(), ex);
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

	/** Splits on semicolons outside quotes and comments. */
	public static List<String> statements(String sql) {
		List<String> out = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quote = false;
		boolean comment = false;
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (comment) {
				if (c == '\n') {
					comment = false;
					current.append(c);
				}
				continue;
			}
			if (!quote && c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
				comment = true;
				continue;
			}
			if (c == '\'') {
				quote = !quote;
			}
			if (c == ';' && !quote) {
				if (!current.toString().isBlank()) {
					out.add(current.toString().strip());
				}
				current.setLength(0);
				continue;
			}
			current.append(c);
		}
		if (!current.toString().isBlank()) {
			out.add(current.toString().strip());
		}
		return out;
	}

}
