package cq.talentwarehouse.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;

import cq.talentwarehouse.stage.StagingArea;

/**
 * A warehouse published by a build that loaded no district (seeds and migrations only), the working
 * copy a night builds in, and that night's staging with no district either: what the tests of the
 * build's preparation start from.
 */
record PublishedEmptyWarehouse(Path published, Path workingCopy, StagingArea staging) {

	static final String MEMORY = "1GB";

	static PublishedEmptyWarehouse in(Path dir) throws Exception {
		PublishedEmptyWarehouse warehouse = new PublishedEmptyWarehouse(dir.resolve("talent.duckdb"),
				dir.resolve("work").resolve("talent.duckdb"), new StagingArea(dir.resolve("staging")));
		Files.createDirectories(warehouse.staging().root());
		Files.writeString(warehouse.staging().root().resolve(WarehouseBuilder.FEEDS_FILE),
				"district_code,snapshot_date,status,message\n");
		warehouse.build("run-0");
		Files.move(warehouse.workingCopy(), warehouse.published());
		return warehouse;
	}

	Path seeds() {
		return this.staging.root().resolve("seeds");
	}

	/** A night's build, its database closed as after the data tests. */
	void build(String runId) throws Exception {
		buildLeavingItOpen(runId);
		OpenWorkingCopy.discard();
	}

	/** A night's build, its database left open for the data tests of the process. */
	void buildLeavingItOpen(String runId) throws Exception {
		WarehouseBuilder.build(this.published, this.workingCopy, this.staging, runId, LocalDateTime.now(), MEMORY);
	}

	static void execute(Path file, String sql) throws Exception {
		try (Connection connection = DuckDb.openReadWrite(file); Statement s = connection.createStatement()) {
			s.execute(sql);
		}
	}

	/** The first column of the first row, as a number. */
	static long count(Path file, String sql) throws Exception {
		try (Connection connection = DuckDb.openReadOnly(file); Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
