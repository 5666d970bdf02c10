package cq.talentwarehouse.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.springframework.core.io.Resource;

/**
 * Whether a warehouse's Flyway history ({@code ops.schema_history}) already records every bundled
 * migration with its current checksum, so that a night on a current file needs neither Flyway (its
 * classes, its scan and its validation are most of a cold night's preparation) nor a re-run of
 * every repeatable view. Anything else — a new or changed migration, a failed or unknown entry, a
 * file without history — answers "not current", and Flyway decides as before.
 */
final class SchemaHistory {

	/** The objects a repeatable script creates: the ones whose absence makes it run again. */
	private static final Pattern CREATES = Pattern
		.compile("create\\s+or\\s+replace\\s+(view|macro)\\s+([a-z_][a-z0-9_]*)\\.([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

	/** One bundled migration script, with the checksum Flyway records for it. */
	record Script(String folder, Resource resource, String name, int checksum, boolean repeatable) {
	}

	private SchemaHistory() {
	}

	/** The bundled scripts of the Flyway locations, in {@link WarehouseBuilder#MIGRATION_FOLDERS} order. */
	static List<Script> bundled() {
		List<Script> scripts = new ArrayList<>();
		for (String folder : WarehouseBuilder.MIGRATION_FOLDERS) {
			for (Resource resource : DuckDb.sqlFiles(folder)) {
				String name = String.valueOf(resource.getFilename());
				if (name.startsWith("V") || name.startsWith("R__")) {
					scripts.add(new Script(folder, resource, name, checksum(resource), name.startsWith("R__")));
				}
			}
		}
		return scripts;
	}

	/**
	 * True when the history holds exactly the bundled versioned migrations, each applied successfully
	 * with its checksum, and the latest run of every bundled repeatable script has its checksum.
	 */
	static boolean isCurrent(Connection connection, List<Script> bundled) throws SQLException {
		try (Statement s = connection.createStatement()) {
			try (ResultSet rs = s.executeQuery("select count(*) from duckdb_tables() where database_name = current_database()"
					+ " and schema_name = 'ops' and table_name = 'schema_history'")) {
				rs.next();
				if (rs.getLong(1) == 0) {
					return false;
				}
			}
			Map<String, Integer> versioned = new HashMap<>();
			Map<String, Integer> repeatable = new HashMap<>();
			try (ResultSet rs = s.executeQuery("select version, script, checksum, success, type from ops.schema_history"
					+ " order by installed_rank")) {
				while (rs.next()) {
					String type = rs.getString(5);
					if ("SCHEMA".equals(type)) {
						continue; // Flyway's note that it created the ops schema
					}
					int checksum = rs.getInt(3);
					Integer recorded = rs.wasNull() ? null : checksum;
					if (!rs.getBoolean(4) || !"SQL".equals(type) || recorded == null) {
						return false; // failed, deleted, baselined or undone entries: Flyway's call
					}
					(rs.getString(1) == null ? repeatable : versioned).put(rs.getString(2), recorded);
				}
			}
			Map<String, Integer> bundledVersioned = new HashMap<>();
			Map<String, Integer> bundledRepeatable = new HashMap<>();
			for (Script script : bundled) {
				(script.repeatable() ? bundledRepeatable : bundledVersioned).put(script.name(), script.checksum());
			}
			return versioned.equals(bundledVersioned) && repeatable.equals(bundledRepeatable);
		}
	}

	/**
	 * The repeatable scripts, in order, that create a view or macro the file does not hold (dropped
	 * by another client); on a current file only these run again.
	 */
	static List<Script> missingObjects(Connection connection, List<Script> bundled) throws SQLException {
		Map<String, Boolean> present = new HashMap<>();
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("select schema_name || '.' || view_name from duckdb_views()"
						+ " where database_name = current_database() and not internal"
						+ " union select schema_name || '.' || function_name from duckdb_functions()"
						+ " where database_name = current_database() and function_type in ('macro', 'table_macro')")) {
			while (rs.next()) {
				present.put(rs.getString(1).toLowerCase(), true);
			}
		}
		List<Script> missing = new ArrayList<>();
		for (Script script : bundled) {
			if (script.repeatable()) {
				Matcher m = CREATES.matcher(DuckDb.text(script.resource()));
				while (m.find()) {
					if (!present.containsKey((m.group(2) + "." + m.group(3)).toLowerCase())) {
						missing.add(script);
						break;
					}
				}
			}
		}
		return missing;
	}

	/**
	 * Flyway's checksum of a SQL script: CRC-32 of its UTF-8 lines without line breaks (a byte order
	 * mark dropped), as a signed int — so a change of line endings alone is no change.
	 */
	static int checksum(Resource resource) {
		CRC32 crc = new CRC32();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource.getInputStream(),
				StandardCharsets.UTF_8))) {
			String line = reader.readLine();
			if (line != null && line.startsWith("\uFEFF")) {
				line = line.substring(1);
			}
			while (line != null) {
				crc.update(line.getBytes(StandardCharsets.UTF_8));
				line = reader.readLine();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + resource.getDescription(), ex);
		}
		return (int) crc.getValue();
	}

}
