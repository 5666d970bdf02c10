package cq.talentwarehouse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import cq.talentwarehouse.run.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "Show recent runs with their outcome and each district's result, and the stale districts.",
				"A district is stale when its last load failed: the warehouse still holds its last published snapshot, if any.",
				"Read from the run reports beside the warehouse." })
class StatusCommand implements Callable<Integer> {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Mixin
	WarehouseOptions options;

	@Option(names = "--last", description = "How many runs to show. Default: ${DEFAULT-VALUE}.", defaultValue = "10")
	int last;

	@Option(names = "--run", paramLabel = "ID", description = "Show one run in detail.")
	String run;

	@Override
	public Integer call() throws IOException {
		Path runs = this.options.warehouse.toAbsolutePath().getParent().resolve("runs");
		List<RunReport> reports = RunReport.list(runs);
		if (reports.isEmpty() && this.run == null) {
			System.out.println("No runs yet (no run reports in " + runs + ").");
			return 0;
		}
		if (this.run != null) {
			for (RunReport r : reports) {
				if (r.runId().equals(this.run)) {
					print(r, true, false);
					printQuarantine(r.runId());
					return 0;
				}
			}
			throw new picocli.CommandLine.ParameterException(this.spec.commandLine(), "--run " + this.run
					+ ": no such run in " + runs + (reports.isEmpty() ? " (no runs yet)" : " (the latest is " + reports.get(0).runId() + ")"));
		}
		boolean loading = false;
		try {
			cq.talentwarehouse.run.RunLock.checkFree(this.options.lockFile());
		}
		catch (cq.talentwarehouse.run.RunLock.RunInProgressException ex) {
			loading = true;
			System.out.println(ex.getMessage().replace("; not starting another. Try again when it has finished.", "."));
		}
		for (RunReport r : reports.subList(0, Math.min(this.last, reports.size()))) {
			print(r, false, loading && r == reports.get(0));
		}
		// a district is stale when its most recent attempt failed: analysts still see its last good snapshot
		Map<String, RunReport.DistrictResult> latest = new LinkedHashMap<>();
		Map<String, String> latestRun = new LinkedHashMap<>();
		for (RunReport r : reports) {
			for (RunReport.DistrictResult d : r.districts()) {
				if (!latest.containsKey(d.district()) && !d.status().equals("pending")) {
					latest.put(d.district(), d);
					latestRun.put(d.district(), r.runId());
				}
			}
		}
		boolean any = false;
		for (Map.Entry<String, RunReport.DistrictResult> e : latest.entrySet()) {
			if (e.getValue().status().equals("failed")) {
				if (!any) {
					System.out.println("Stale districts (last load failed; the warehouse keeps their last published snapshot, if they have one):");
					any = true;
				}
				System.out.printf("  %s %s — failed in %s: %s%n", e.getKey(), e.getValue().name(), latestRun.get(e.getKey()),
						e.getValue().message());
			}
		}
		if (!any) {
			System.out.println("No stale districts.");
		}
		cq.talentwarehouse.serve.ServeState served = cq.talentwarehouse.serve.ServeState
			.read(this.options.warehouse.toAbsolutePath().getParent());
		if (served != null) {
			System.out.println(served.describe());
		}
		return 0;
	}

	private void printQuarantine(String runId) {
		if (!java.nio.file.Files.exists(this.options.warehouse)) {
			return;
		}
		try (var c = cq.talentwarehouse.load.DuckDb.openReadOnly(this.options.warehouse); var s = c.createStatement();
				var rs = s.executeQuery("select district_code, source, rule, count(*) from ops.quarantine where run_id = "
						+ cq.talentwarehouse.load.DuckDb.literal(runId) + " group by all order by all")) {
			List<String[]> rows = new java.util.ArrayList<>();
			while (rs.next()) {
				rows.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) });
			}
			if (rows.isEmpty()) {
				System.out.println("No quarantined records of this run in the published warehouse.");
				return;
			}
			System.out.println("Quarantine by rule:");
			Tables.print(List.of("district", "source", "rule", "records"), rows, System.out);
		}
		catch (java.sql.SQLException ex) {
			System.out.println("Cannot read the quarantine from " + this.options.warehouse + ": " + ex.getMessage());
		}
	}

	private static void print(RunReport r, boolean detail, boolean inProgress) {
		String finished = (r.finishedAt() != null) ? r.finishedAt()
				: inProgress ? "(in progress)" : "(interrupted: restart resumes it)";
		System.out.printf("%s  %-9s exit %s  started %s  finished %s%n", r.runId(), r.status(),
				(r.exitCode() < 0) ? "-" : Integer.toString(r.exitCode()), r.startedAt(), finished);
		if (r.message() != null) {
			System.out.println("    " + r.message());
		}
		for (RunReport.DistrictResult d : r.districts()) {
			System.out.printf("    %s %s @ %s  %s%s%n", d.district(), d.name(), d.snapshotDate(), d.status(),
					(d.message() != null) ? "  " + d.message() : "");
			if (detail) {
				System.out.printf("        pipeline %s, snapshot %s%n", d.pipelineFile(), d.snapshotFolder());
			}
		}
	}

}
