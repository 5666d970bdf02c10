package cq.talentwarehouse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import cq.talentwarehouse.run.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
		description = "Recent runs with their outcome and per-district results (from the run reports beside the warehouse).")
class StatusCommand implements Callable<Integer> {

	@Mixin
	WarehouseOptions options;

	@Option(names = "--last", description = "How many runs to show. Default: ${DEFAULT-VALUE}.", defaultValue = "10")
	int last;

	@Override
	public Integer call() throws IOException {
		Path runs = this.options.warehouse.toAbsolutePath().getParent().resolve("runs");
		if (!Files.isDirectory(runs)) {
			System.out.println("No runs yet (" + runs + " does not exist).");
			return 0;
		}
		List<Path> reports;
		try (Stream<Path> s = Files.list(runs)) {
			reports = s.map((d) -> d.resolve("report.json"))
				.filter(Files::exists)
				.sorted(Comparator.comparing(Path::toString).reversed())
				.limit(this.last)
				.toList();
		}
		for (Path file : reports) {
			RunReport r = RunReport.read(file);
			System.out.printf("%s  %-9s exit %d  started %s  finished %s%n", r.runId(), r.status(), r.exitCode(),
					r.startedAt(), r.finishedAt());
			if (r.message() != null) {
				System.out.println("    " + r.message());
			}
			for (RunReport.DistrictResult d : r.districts()) {
				System.out.printf("    %s @ %s  %s%s%n", d.district(), d.snapshotDate(), d.status(),
						(d.message() != null) ? "  " + d.message() : "");
			}
		}
		return 0;
	}

}
