package cq.talentwarehouse.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.pipeline.SnapshotFingerprint;

/** A district snapshot as the published warehouse last loaded it: its files and the run. */
record LoadedSnapshot(String runId, List<SnapshotFingerprint.FileEntry> files) {

	Map<String, SnapshotFingerprint.FileEntry> byName() {
		Map<String, SnapshotFingerprint.FileEntry> map = new HashMap<>();
		for (SnapshotFingerprint.FileEntry f : this.files) {
			map.put(f.name(), f);
		}
		return map;
	}

	/** Loaded snapshots by {@code district@date}; empty when nothing is published yet. */
	static Map<String, LoadedSnapshot> read(Path warehouse) {
		Map<String, LoadedSnapshot> loaded = new LinkedHashMap<>();
		if (!Files.exists(warehouse)) {
			return loaded;
		}
		String sql = "select district_code, cast(snapshot_date as varchar), file_name, size_bytes, modified_at, sha256, run_id"
				+ " from ops.snapshot_files order by district_code, snapshot_date, file_name";
		try (Connection c = DuckDb.openReadOnly(warehouse); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(sql)) {
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
		}
		return loaded;
	}

}
