package cq.talentwarehouse.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.run.RunReport;
import cq.talentwarehouse.testing.ChildJvm;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability defect 7: a damaged job repository ({@code job-repository.mv.db} cut in half) made
 * {@code run} fail with H2's "File is corrupted", naming no file. Now it is named with what to do,
 * or — when no run waits to be resumed from it — moved aside with a warning and the run goes on.
 */
class JobRepositoryFileFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void damagedRepositoryWithNothingToResumeIsMovedAsideAndTheRunPublishes() throws Exception {
		// given
		Path warehouse = loadOnceThenCutTheRepositoryInHalf();

		// when
		Outcome outcome = cli("run", "--force");

		// then
		assertThat(outcome.exit()).as(outcome.err()).isZero();
		assertThat(outcome.err()).contains("warning: the job repository " + repository(warehouse) + " was damaged")
			.contains("moved aside to job-repository.mv.db.damaged-");
		try (var files = Files.list(warehouse.getParent())) {
			assertThat(files.map((p) -> p.getFileName().toString())).anyMatch((n) -> n.startsWith("job-repository.mv.db.damaged-"));
		}
		assertThat(Fixtures.rows(warehouse, "select count(*) from ops.runs")).containsExactly(List.of("2"));
	}

	@Test
	void damagedRepositoryWithARunToResumeIsNamedWithWhatToDoAndKept() throws Exception {
		// given: the last run was killed (its report still says running), then the repository is damaged
		Path warehouse = loadOnceThenCutTheRepositoryInHalf();
		Path runs = warehouse.getParent().resolve("runs");
		RunReport published = RunReport.list(runs).get(0);
		new RunReport("run-29991231T000000000", published.startedAt(), null, "running", -1, null, published.districts(), null)
			.write(runs.resolve("run-29991231T000000000/report.json"));
		long size = Files.size(repository(warehouse));

		// when
		Outcome outcome = cli("restart");

		// then
		assertThat(outcome.exit()).as(outcome.out() + outcome.err()).isEqualTo(1);
		assertThat(outcome.err()).contains("the job repository " + repository(warehouse) + " is damaged")
			.contains("the last run run-29991231T000000000 (running) could be resumed from it")
			.contains("restore the file from a backup").doesNotContain("\tat ");
		assertThat(Files.size(repository(warehouse))).isEqualTo(size);
	}

	private Path loadOnceThenCutTheRepositoryInHalf() throws Exception {
		// the fixture load (landing, pipelines, warehouse and job repository in this folder, as the
		// command line lays them out), with its key where the command line looks for it
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		Files.copy(this.dir.resolve("key"), warehouse.resolveSibling("pseudonym.key"));
		Path repository = repository(warehouse);
		byte[] bytes = Files.readAllBytes(repository);
		// cut in half, as a full disk or a bad copy leaves it; H2 recovers some cuts to an older state
		// (which ones depends on the file's layout), so its two store headers are overwritten too: a
		// file H2 always refuses, without opening it here (an open in this JVM would lock it)
		byte[] damaged = java.util.Arrays.copyOf(bytes, bytes.length / 2);
		java.util.Arrays.fill(damaged, 0, Math.min(damaged.length, 8192), (byte) '#');
		Files.write(repository, damaged);
		return warehouse;
	}

	private static Path repository(Path warehouse) {
		return warehouse.toAbsolutePath().getParent().resolve("job-repository.mv.db");
	}

	private record Outcome(int exit, String out, String err) {
	}

	/** The command in a child JVM, as an operator runs it (H2 keeps a database open within a JVM). */
	private Outcome cli(String... command) throws Exception {
		List<String> args = new java.util.ArrayList<>(ChildJvm.command(TalentWarehouseApplication.class));
		args.addAll(List.of(command));
		args.addAll(List.of("--warehouse", this.dir.resolve("warehouse/talent.duckdb").toString(), "--landing",
				this.dir.resolve("landing").toString(), "--pipelines", this.dir.resolve("pipelines").toString()));
		Path out = this.dir.resolve("out.txt");
		Path err = this.dir.resolve("err.txt");
		Process process = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		int exit = process.waitFor();
		return new Outcome(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

}
