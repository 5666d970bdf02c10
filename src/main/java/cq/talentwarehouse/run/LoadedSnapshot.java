package cq.talentwarehouse.run;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
		try {
			return PublishedFacts.of(warehouse).loaded();
		}
		catch (SQLException ex) {
			// a warehouse that cannot be read: every snapshot counts as new, and the key check names the problem
			return Map.of();
		}
	}

}
