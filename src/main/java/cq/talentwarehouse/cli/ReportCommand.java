package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;

import cq.talentwarehouse.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
		description = { "Write the district comparison report as one self-contained HTML file in Chinese.",
				"Charts are inline SVG and the file opens offline: totals, per 10,000 residents, categories, enterprises,",
				"platforms, trends and the reconciliation of published figures." })
class ReportCommand implements Callable<Integer> {

	@Mixin
	PublishedWarehouse warehouse;

	@Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The HTML file to write.")
	Path out;

	@Override
	public Integer call() throws Exception {
		long t0 = System.nanoTime();
		try (Connection connection = this.warehouse.openOrExplain()) {
			if (connection == null) {
				return 1;
			}
			ReportWriter.write(connection, this.out, this.warehouse.file.getFileName().toString());
		}
		System.out.printf("Wrote %s (%,d bytes) in %.1f s.%n", this.out.toAbsolutePath(), Files.size(this.out),
				(System.nanoTime() - t0) / 1e9);
		return 0;
	}

}
