package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
		description = { "Write the district comparison report: one self-contained HTML file in Chinese, charts inline as SVG,",
				"that opens offline (totals, per 10,000 residents, categories, enterprises, platforms, trends, reconciliation)." })
class ReportCommand implements Callable<Integer> {

	@Option(names = "--warehouse", paramLabel = "FILE",
			description = "Published DuckDB file, opened read-only (default: $TALENT_WAREHOUSE or ${DEFAULT-VALUE}).",
			defaultValue = "${env:TALENT_WAREHOUSE:-warehouse/talent.duckdb}")
	Path warehouse;

	@Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The HTML file to write.")
	Path out;

	@Override
	public Integer call() throws Exception {
		if (!Files.exists(this.warehouse)) {
			System.err.println("No published warehouse at " + this.warehouse + " yet: run `run` first.");
			return 1;
		}
		long t0 = System.nanoTime();
		try (Connection connection = DuckDb.openReadOnly(this.warehouse)) {
			ReportWriter.write(connection, this.out, this.warehouse.getFileName().toString());
		}
		System.out.printf("Wrote %s (%,d bytes) in %.1f s.%n", this.out.toAbsolutePath(), Files.size(this.out),
				(System.nanoTime() - t0) / 1e9);
		return 0;
	}

}
