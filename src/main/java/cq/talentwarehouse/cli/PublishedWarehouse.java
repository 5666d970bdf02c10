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

	/** A read-only connection, or null after telling the user there is nothing published yet. */
	Connection openOrExplain() throws SQLException {
		if (!Files.exists(this.file)) {
			System.err.println("No published warehouse at " + this.file + " yet: run `run` first.");
			return null;
		}
		return DuckDb.openReadOnly(this.file);
	}

}
