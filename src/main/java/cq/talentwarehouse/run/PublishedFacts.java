package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.pipeline.SnapshotFingerprint;

/**
 * What a run's plan reads from the published warehouse — the fingerprint of the key that made its
 * pseudonyms, whether it holds people, the files of each loaded snapshot — read in one read-only
 * open and kept for the file as it is (its size, modification time and inode). A publish renames a
 * new file over it, so a kept answer is never taken for another file. The schedule reads them
 * between runs ({@link NextRunPreparation}), so that a night's plan does not open the published
 * file: opening loads its whole catalogue.
 *
 * @param recordedKey the key fingerprint in {@code ops.pseudonym_key}; null when none is recorded
 * @param hasPeople whether {@code dw.dim_person} holds anyone
 * @param loaded the loaded snapshots by {@code district@date}; empty for a warehouse published before
 *     fingerprints were kept
 */
record PublishedFacts(String recordedKey, boolean hasPeople, Map<String, LoadedSnapshot> loaded) {

	/** No published file yet. */
	static final PublishedFacts NONE = new PublishedFacts(null, false, Map.of());

	/** The last file read and its answer: a process plans on one warehouse. */
	private static volatile Kept kept;

	private record Kept(String identity, PublishedFacts facts) {
	}

	/** The facts of {@code warehouse} as it is now, read again only when the file changed since the last read. */
	static PublishedFacts of(Path warehouse) throws SQLException {
		String identity = identity(warehouse);
		if (identity == null) {
			return NONE;
		}
		Kept last = kept;
		if (last != null && last.identity().equals(identity)) {
			return last.facts();
		}
		PublishedFacts facts = read(warehouse);
		// replaced while it was read: answered, but not kept for the new file
		if (identity.equals(identity(warehouse))) {
			kept = new Kept(identity, facts);
		}
		return facts;
	}

	/** Whether {@link #of} answers for {@code warehouse} as it is now without opening it. */
	static boolean isKept(Path warehouse) {
		Kept last = kept;
		return last != null && last.identity().equals(identity(warehouse));
	}

	private static String identity(Path warehouse) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(warehouse, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				return null;
			}
			return warehouse.toAbsolutePath() + "\n" + attributes.size() + "\n" + attributes.lastModifiedTime().toInstant()
					+ "\n" + attributes.fileKey();
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			// unknown: read it, keep nothing
			return "unknown " + System.nanoTime();
		}
	}

	private static PublishedFacts read(Path warehouse) throws SQLException {
		try (Connection c = DuckDb.openReadOnly(warehouse); Statement s = c.createStatement()) {
			String recordedKey = single(s, "select min(fingerprint) from ops.pseudonym_key", "ops", "pseudonym_key");
			boolean hasPeople = "true".equals(single(s, "select count(*) > 0 from dw.dim_person", "dw", "dim_person"));
			return new PublishedFacts(recordedKey, hasPeople, loadedSnapshots(s));
		}
	}

	private static Map<String, LoadedSnapshot> loadedSnapshots(Statement s) {
		Map<String, LoadedSnapshot> loaded = new LinkedHashMap<>();
		String sql = "select district_code, cast(snapshot_date as varchar), file_name, size_bytes, modified_at, sha256, run_id"
				+ " from ops.snapshot_files order by district_code, snapshot_date, file_name";
		try (ResultSet rs = s.executeQuery(sql)) {
			Map<String, List<SnapshotFingerprint.FileEntry>> files = new LinkedHashMap<>();
			Map<String, String> runs = new HashMap<>();
			while (rs.next()) {
				String key = rs.getString(1) + "@" + rs.getString(2);
				files.computeIfAbsent(key, (k) -> new ArrayList<>())
					.add(new SnapshotFingerprint.FileEntry(rs.getString(3), rs.getLong(4),
							rs.getTimestamp(5).toLocalDateTime().toInstant(ZoneOffset.UTC), rs.getString(6)));
				runs.put(key, rs.getString(7));
			}
			files.forEach((key, list) -> loaded.put(key, new LoadedSnapshot(runs.get(key), List.copyOf(list))));
		}
		catch (SQLException ex) {
			// a warehouse published before fingerprints existed: every snapshot counts as new
			return Map.of();
		}
		return Collections.unmodifiableMap(loaded);
	}

	/** The one value of a query over a table that a warehouse from an older version may lack. */
	private static String single(Statement s, String sql, String schema, String table) throws SQLException {
		try (ResultSet exists = s.executeQuery("select count(*) from duckdb_tables() where schema_name = "
				+ DuckDb.literal(schema) + " and table_name = " + DuckDb.literal(table))) {
			exists.next();
			if (exists.getLong(1) == 0) {
				return null;
			}
		}
		try (ResultSet rs = s.executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

}
