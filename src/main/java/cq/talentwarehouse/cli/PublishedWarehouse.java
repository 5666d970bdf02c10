package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import cq.talentwarehouse.load.DuckDb;
import picocli.CommandLine.Option;

/** The option of the commands that only read the published warehouse (query, export, report). */
class PublishedWarehouse {

	@Option(names = "--warehouse", paramLabel = "FILE",
			description = "Published DuckDB file, opened read-only (default: $TALENT_WAREHOUSE or ${DEFAULT-VALUE}).",
			defaultValue = "${env:TALENT_WAREHOUSE:-warehouse/talent.duckdb}")
	Path file;

	/**
	 * A connection through which no statement can change the published file or any other (read-only,
	 * no file access, configuration locked), or null after telling the user there is nothing
	 * published yet.
	 */
	Connection openOrExplain() throws SQLException {
		if (!Files.exists(this.file)) {
			System.err.println("No published warehouse at " + this.file + " yet: run `run` first.");
			return null;
		}
		return DuckDb.openLockedReadOnly(this.file);
	}

	/** As {@link #openOrExplain()}, with files written only into {@code folder} (created first). */
	Connection openOrExplain(Path folder) throws SQLException, java.io.IOException {
		if (!Files.exists(this.file)) {
			System.err.println("No published warehouse at " + this.file + " yet: run `run` first.");
			return null;
		}
		Files.createDirectories(folder);
		return DuckDb.openLockedReadOnly(this.file, folder);
	}

}
