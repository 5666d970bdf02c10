package cq.talentwarehouse.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.demo.DemoDataGenerator;

import cq.talentwarehouse.testing.Fixtures;
import cq.talentwarehouse.testing.ChildJvm;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.stage.StagingArea;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability of the load on the demo landing zone (half a million roster rows): a run killed with
 * SIGKILL in the middle of staging resumes with {@code restart} to exactly the warehouse an
 * uninterrupted run publishes, and loading twice changes nothing.
 */
class LoadRunRestartFunctionalTests {

	@TempDir
	static Path shared;

	static Path landing;

	static Path cleanWarehouse;

	static String cleanMarts;

	static DemoDataGenerator.Summary generated;

	@BeforeAll
	static void loadOnceWithoutInterruption() throws Exception {
		landing = shared.resolve("landing");
		generated = DemoDataGenerator.generate(landing, DemoDataGenerator.DEFAULT_SEED);
		cleanWarehouse = shared.resolve("clean/warehouse/talent.duckdb");
		Fixtures.LoadResult clean = Fixtures.run(Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing,
				cleanWarehouse, shared.resolve("key")));
		assertThat(clean.exit()).as(clean.output()).isEqualTo(LoadRun.PUBLISHED);
		cleanMarts = Fixtures.marts(cleanWarehouse);
	}

	@Test
	void runKilledMidStageThenRestartedPublishesTheSameMartsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
		// given: a load in a child JVM, killed with SIGKILL once 江津's roster is partly staged
		Path warehouse = dir.resolve("warehouse/talent.duckdb");
		List<String> command = new ArrayList<>(ChildJvm.command(TalentWarehouseApplication.class, "-Xmx512m"));
		command.addAll(List.of("run", "--warehouse", warehouse.toString(), "--landing",
				landing.toString(), "--pipelines", Path.of("pipelines").toAbsolutePath().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("child.log").toFile());
		// small chunks: many commits, so the kill lands between two of them
		builder.environment().put("TALENT_CHUNKSIZE", "2000");
		builder.environment().put("TALENT_PSEUDONYMKEYFILE", shared.resolve("key").toString());
		Process child = builder.start();
		Path stagingRoot = dir.resolve("warehouse/work/runs");
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (largestRosterStagingFile(stagingRoot) < 4_000_000 && child.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(child.isAlive()).as("the child load should still be staging; its log:%n%s",
				Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : "").isTrue();
		child.destroyForcibly();
		child.waitFor();
		assertThat(warehouse).doesNotExist();
		// each roster staged so far has its category lists listed beside it (the build's enum of them)
		assertThat(rosterStagingFiles(stagingRoot)).isNotEmpty().allSatisfy((file) -> {
			Path partition = file.getParent();
			StagingArea staging = new StagingArea(partition.getParent().getParent().getParent());
			assertThat(staging.values(SourceKind.ROSTER, partition.getParent().getFileName().toString().substring("district_code=".length()),
					LocalDate.parse(partition.getFileName().toString().substring("snapshot_date=".length()))))
				.exists().content().startsWith("column_name,value");
		});
		// status after the kill: the run is interrupted, and its report says which districts staged
		RunReport killed = RunReport.list(dir.resolve("warehouse/runs")).get(0);
		assertThat(killed.status()).isEqualTo("running");
		assertThat(killed.districts()).extracting(RunReport.DistrictResult::status).contains("pending")
			.allMatch((status) -> status.equals("pending") || status.equals("staged"));

		// when
		Fixtures.LoadResult restarted = Fixtures.restart(Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing,
				warehouse, shared.resolve("key")));

		// then
		assertThat(restarted.exit()).as(restarted.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(restarted.output()).contains("Restarting run run-");
		assertThat(Fixtures.marts(warehouse)).isEqualTo(cleanMarts);
		assertThat(Fixtures.rows(warehouse, "select count(*) from ops.source_counts where read <> loaded + quarantined"))
			.containsExactly(List.of("0"));
		assertThat(Fixtures.rows(warehouse, "select sum(read) from ops.source_counts"))
			.isEqualTo(Fixtures.rows(cleanWarehouse, "select sum(read) from ops.source_counts"));
		// the snapshot bookkeeping survives the restart: the next run skips every snapshot
		String snapshotFiles = "select district_code, snapshot_date, file_name, size_bytes, sha256 from ops.snapshot_files order by all";
		assertThat(Fixtures.rows(warehouse, snapshotFiles)).isNotEmpty()
			.isEqualTo(Fixtures.rows(cleanWarehouse, snapshotFiles));
		Fixtures.LoadResult next = Fixtures.run(Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing,
				warehouse, shared.resolve("key")));
		assertThat(next.output()).contains("Nothing new to load").doesNotContain("staging ");
	}

	@Test
	void twoRunsInARowLeaveTheMartsIdenticalWhetherTheSecondSkipsOrReloads(@TempDir Path dir) throws Exception {
		// given
		Path warehouse = dir.resolve("warehouse/talent.duckdb");
		List<String> arguments = Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing, warehouse,
				shared.resolve("key"));
		assertThat(Fixtures.run(arguments).exit()).isEqualTo(LoadRun.PUBLISHED);

		// when: the landing zone did not change
		Fixtures.LoadResult second = Fixtures.run(arguments);

		// then: nothing is read again
		assertThat(second.exit()).as(second.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(second.output()).contains("Nothing new to load").contains("skipped 500116 江津区 @ 2023-12-31")
			.doesNotContain("staging ");
		assertThat(Fixtures.marts(warehouse)).isEqualTo(cleanMarts);

		// when: reloaded by force
		Fixtures.LoadResult forced = Fixtures.runForced(arguments);

		// then: replaced, never counted twice
		assertThat(forced.exit()).as(forced.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(Fixtures.marts(warehouse)).isEqualTo(cleanMarts);
		assertThat(Fixtures.rows(warehouse, "select count(*) from ops.runs")).containsExactly(List.of("2"));
	}

	@Test
	void theGeneratorsSummaryCountsTheBadRecordsByTheRuleTheLoadQuarantinesThemUnder() throws Exception {
		// given what generate says it wrote, per district and source and rule
		java.util.Map<String, java.util.Map<String, Integer>> said = generated.badRecords();

		// when the load of those extracts is counted the same way
		java.util.Map<String, java.util.Map<String, Integer>> quarantined = new java.util.TreeMap<>();
		for (List<String> row : Fixtures.rows(cleanWarehouse, "select district_code || '/' || source, rule, count(*)"
				+ " from ops.quarantine group by all")) {
			quarantined.computeIfAbsent(row.get(0), (k) -> new java.util.TreeMap<>()).put(row.get(1), Integer.parseInt(row.get(2)));
		}

		// then they agree, rule by rule
		java.util.Map<String, java.util.Map<String, Integer>> expected = new java.util.TreeMap<>();
		said.forEach((key, rules) -> expected.put(key, new java.util.TreeMap<>(rules)));
		assertThat(quarantined).isEqualTo(expected);
	}

	@Test
	void restartAfterAPublishedRunHasNothingToDo(@TempDir Path dir) throws Exception {
		Path warehouse = dir.resolve("warehouse/talent.duckdb");
		List<String> arguments = Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing, warehouse,
				shared.resolve("key"));
		assertThat(Fixtures.run(arguments).exit()).isEqualTo(LoadRun.PUBLISHED);

		Fixtures.LoadResult restart = Fixtures.restart(arguments);

		assertThat(restart.exit()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(restart.output()).contains("Nothing to restart: the last run run-").contains("published");
	}

	private static long largestRosterStagingFile(Path runs) throws Exception {
		return rosterStagingFiles(runs).stream().mapToLong((p) -> p.toFile().length()).max().orElse(0);
	}

	private static List<Path> rosterStagingFiles(Path runs) throws Exception {
		if (!Files.isDirectory(runs)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(runs)) {
			return files.filter((p) -> p.toString().contains(File.separator + "staging" + File.separator + "roster" + File.separator)
					&& p.getFileName().toString().equals("data.csv"))
				.toList();
		}
	}

}
