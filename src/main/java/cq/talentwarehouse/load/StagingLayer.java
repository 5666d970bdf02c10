package cq.talentwarehouse.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.stage.LoadPeople;
import cq.talentwarehouse.stage.StagingArea;

/**
 * The staging layer of a build: the models of {@code sql/staging} (temp tables {@code stg_*}) over the
 * run's manifest and the staged files of every district snapshot it loads. Java only names the files,
 * as DuckDB variables ({@code staged_<thing>_files}), and the staged columns' types from
 * {@link SourceKind#stagedColumnTypes()}; the models are SQL.
 */
final class StagingLayer {

	private static final Logger log = LoggerFactory.getLogger(StagingLayer.class);

	/**
	 * The models over the run's manifest, in order (stg_feed and the two after it read stg_feed_all);
	 * every other model in {@code sql/staging} reads the staged files of the loaded district snapshots.
	 */
	static final List<String> RUN_MODELS = List.of("stg_run", "stg_feed_all", "stg_feed", "stg_failure", "stg_skipped",
			"stg_snapshot_files");

	private static final String UNREADABLE_TYPE = "struct(district_code varchar, snapshot_date date, message varchar)[]";

	private final Connection connection;

	private final StagingArea staging;

	private StagingLayer(Connection connection, StagingArea staging) {
		this.connection = connection;
		this.staging = staging;
	}

	/** Builds every staging model; a district snapshot whose staged records DuckDB cannot read fails alone. */
	static void build(Connection connection, StagingArea staging, String runId, LocalDateTime startedAt)
			throws SQLException {
		new StagingLayer(connection, staging).build(runId, startedAt);
	}

	private void build(String runId, LocalDateTime startedAt) throws SQLException {
		Path root = this.staging.root();
		try {
			Files.deleteIfExists(root.resolve(WarehouseBuilder.BUILD_FAILURES_FILE)); // from an earlier attempt of a restarted run
		}
		catch (IOException ex) {
			throw new SQLException("cannot clear " + root.resolve(WarehouseBuilder.BUILD_FAILURES_FILE) + ": " + ex.getMessage(), ex);
		}
		try (Statement s = this.connection.createStatement()) {
			s.execute("set variable run_id = " + DuckDb.literal(runId));
			s.execute("set variable run_started_at = cast(" + DuckDb.literal(startedAt.toString()) + " as timestamp)");
			s.execute("set variable unreadable_snapshots = []::" + UNREADABLE_TYPE);
			setFiles(s, "staged_run_files", existing(root.resolve(WarehouseBuilder.RUN_FILE)), "");
			setFiles(s, "staged_feeds_files", List.of(root.resolve(WarehouseBuilder.FEEDS_FILE)), "");
			setFiles(s, "staged_fingerprint_files", existing(root.resolve(WarehouseBuilder.FINGERPRINTS_FILE)), "");
			for (SourceKind kind : SourceKind.values()) {
				s.execute("set variable staged_" + kind.key() + "_columns = " + struct(kind.stagedColumnTypes()));
			}
			// whether the staged rosters' is_named_again holds: claimed by one process (020_dim_person)
			s.execute("set variable has_people_claims = " + LoadPeople.claimed(this.staging));
		}
		runModels(true);
		List<String[]> loaded = new ArrayList<>();
		try (Statement s = this.connection.createStatement();
				var rs = s.executeQuery("select district_code, cast(snapshot_date as varchar) from stg_feed")) {
			while (rs.next()) {
				loaded.add(new String[] { rs.getString(1), rs.getString(2) });
			}
		}
		try {
			stagedRecords(loaded);
		}
		catch (SQLException ex) {
			// one district's unreadable staged data must not stop every district: find it, fail it alone
			List<String[]> unreadable = unreadableDistricts(loaded);
			if (unreadable.isEmpty()) {
				throw ex;
			}
			recordUnreadable(unreadable);
			loaded.removeIf((feed) -> unreadable.stream().anyMatch((u) -> u[0].equals(feed[0]) && u[1].equals(feed[1])));
			runModels(true);
			stagedRecords(loaded);
		}
	}

	/** The run models, or the models of the districts' staged files, in {@code sql/staging}. */
	private void runModels(boolean runManifest) throws SQLException {
		Map<String, Resource> models = new java.util.TreeMap<>();
		for (Resource model : DuckDb.sqlFiles("staging")) {
			models.put(String.valueOf(model.getFilename()).replaceFirst("\\.sql$", ""), model);
		}
		if (runManifest) {
			for (String name : RUN_MODELS) {
				runModel(models.get(name));
			}
			return;
		}
		for (Map.Entry<String, Resource> model : models.entrySet()) {
			if (!RUN_MODELS.contains(model.getKey())) {
				runModel(model.getValue());
			}
		}
	}

	private void runModel(Resource model) throws SQLException {
		long startedAt = System.nanoTime();
		DuckDb.runScript(this.connection, model);
		log.debug("sql/staging/{} took {} ms", model.getFilename(), (System.nanoTime() - startedAt) / 1_000_000);
	}

	/** The staged records, quarantine and meta of these district snapshots (district code, ISO date). */
	private void stagedRecords(List<String[]> loaded) throws SQLException {
		List<Path> quarantine = new ArrayList<>();
		List<Path> meta = new ArrayList<>();
		List<Path> values = new ArrayList<>();
		try (Statement s = this.connection.createStatement()) {
			for (SourceKind kind : SourceKind.values()) {
				List<Path> accepted = new ArrayList<>();
				boolean lists = !kind.listedColumns().isEmpty();
				List<Path> unlisted = new ArrayList<>();
				for (String[] feed : loaded) {
					LocalDate date = LocalDate.parse(feed[1]);
					Path file = this.staging.accepted(kind, feed[0], date);
					if (Files.exists(file) && Files.exists(this.staging.meta(kind, feed[0], date))) {
						accepted.add(file);
						quarantine.add(this.staging.quarantine(kind, feed[0], date));
						meta.add(this.staging.meta(kind, feed[0], date));
						Path listed = this.staging.values(kind, feed[0], date);
						if (Files.exists(listed)) {
							values.add(listed);
						}
						else if (lists) {
							unlisted.add(file); // staged by a version that did not list values: the enum reads the file
						}
					}
				}
				setFiles(s, "staged_" + kind.key() + "_files", accepted, "district_code=none/snapshot_date=1900-01-01");
				if (lists) {
					setFiles(s, "staged_" + kind.key() + "_unlisted_files", unlisted, "district_code=none/snapshot_date=1900-01-01");
				}
			}
			setFiles(s, "staged_quarantine_files", quarantine, "source=none/district_code=none/snapshot_date=1900-01-01");
			setFiles(s, "staged_meta_files", meta, "source=none/district_code=none/snapshot_date=1900-01-01");
			setFiles(s, "staged_values_files", values, "source=none/district_code=none/snapshot_date=1900-01-01");
		}
		runModels(false);
	}

	/** District snapshots whose staged files DuckDB cannot read, each with DuckDB's reason. */
	private List<String[]> unreadableDistricts(List<String[]> loaded) {
		List<String[]> unreadable = new ArrayList<>();
		for (String[] feed : loaded) {
			try {
				stagedRecords(List.<String[]>of(feed));
			}
			catch (SQLException ex) {
				String reason = readBackReason(ex.getMessage());
				log.warn("the staged records of {} @ {} cannot be read back: {}", feed[0], feed[1], reason);
				unreadable.add(new String[] { feed[0], feed[1], "its staged records could not be read back (" + reason
						+ "); the district keeps its last published snapshot" });
			}
		}
		return unreadable;
	}

	/**
	 * DuckDB's first line, and of its CSV report the column that did not convert and the staged file
	 * (its hints about type detection do not apply: the staged columns are typed).
	 */
	static String readBackReason(String message) {
		if (message == null || message.isBlank()) {
			return "unreadable";
		}
		StringJoiner reason = new StringJoiner("; ");
		message.lines().map(String::strip).filter((line) -> !line.isEmpty()).findFirst().ifPresent(reason::add);
		message.lines()
			.map(String::strip)
			.filter((line) -> line.startsWith("Error when converting column") || line.startsWith("file = "))
			.forEach(reason::add);
		return reason.toString();
	}

	/**
	 * The unreadable districts fail in this run's staging models (stg_feed, stg_failure) and in
	 * {@link WarehouseBuilder#BUILD_FAILURES_FILE} for the run.
	 */
	private void recordUnreadable(List<String[]> unreadable) throws SQLException {
		StringBuilder csv = new StringBuilder("district_code,snapshot_date,message\n");
		StringJoiner list = new StringJoiner(", ", "[", "]::" + UNREADABLE_TYPE);
		for (String[] u : unreadable) {
			list.add("{'district_code': " + DuckDb.literal(u[0]) + ", 'snapshot_date': " + DuckDb.literal(u[1])
					+ ", 'message': " + DuckDb.literal(u[2]) + "}");
			csv.append(u[0]).append(',').append(u[1]).append(",\"").append(u[2].replace("\"", "\"\"")).append("\"\n");
		}
		try (Statement s = this.connection.createStatement()) {
			s.execute("set variable unreadable_snapshots = " + list);
		}
		try {
			Files.writeString(this.staging.root().resolve(WarehouseBuilder.BUILD_FAILURES_FILE), csv);
		}
		catch (IOException ex) {
			throw new SQLException("cannot record the districts whose staged records are unreadable: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Sets a list-of-files variable. read_csv needs at least one file: with none, the list names one
	 * empty file in the same partition folders (none when {@code partitions} is empty), so every model
	 * is a table of the same shape whether or not a night delivered its source.
	 */
	private void setFiles(Statement s, String variable, List<Path> files, String partitions) throws SQLException {
		List<Path> named = files;
		if (files.isEmpty()) {
			Path empty = this.staging.root().resolve("empty").resolve(partitions).resolve("data.csv");
			try {
				Files.createDirectories(empty.getParent());
				Files.write(empty, new byte[0]);
			}
			catch (IOException ex) {
				throw new SQLException("cannot write " + empty + ": " + ex.getMessage(), ex);
			}
			named = List.of(empty);
		}
		StringJoiner list = new StringJoiner(", ", "[", "]");
		named.forEach((f) -> list.add(DuckDb.literal(f.toString())));
		s.execute("set variable " + variable + " = " + list);
	}

	private static List<Path> existing(Path file) {
		return Files.exists(file) ? List.of(file) : List.of();
	}

	private static String struct(Map<String, String> columnTypes) {
		StringJoiner struct = new StringJoiner(", ", "{", "}");
		columnTypes.forEach((column, type) -> struct.add(DuckDb.literal(column) + ": " + DuckDb.literal(type)));
		return struct.toString();
	}

}
