package cq.talentwarehouse.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.load.WarehousePublishJobConfiguration;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reliability defect 7, second half: a run that fills the disk must name the path, remove its partial
 * working copy and show as failed in {@code status} — not "running … pending" with the disk full.
 * The warehouse lives on a small tmpfs (needs root to mount; skipped where that is not allowed).
 */
class DiskFullFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void runThatRunsOutOfDiskNamesThePathRemovesItsWorkingCopyAndIsRecordedAsFailed() throws Exception {
		// given: a published fixture warehouse (~10 MB) on a 16 MB file system: the next build's copy cannot
		// fit (and no working copy is prepared ahead while districts stage: the disk lacks the room)
		Path small = Files.createDirectories(this.dir.resolve("small"));
		assumeTrue(mount(small, "16m"), "mounting a tmpfs needs root");
		try {
			Path landing = Fixtures.functionalLanding(this.dir);
			Path pipelines = Fixtures.relaxedPipelines(this.dir.resolve("pipelines"));
			Path warehouse = small.resolve("warehouse/talent.duckdb");
			List<String> arguments = Fixtures.arguments(pipelines, landing, warehouse, this.dir.resolve("key"));
			Fixtures.LoadResult first = Fixtures.run(arguments);
			assertThat(first.exit()).as(first.output()).isEqualTo(LoadRun.PUBLISHED);
			String martsBefore = Fixtures.marts(warehouse);

			// when
			Fixtures.LoadResult full = Fixtures.runForced(arguments);

			// then
			assertThat(full.exit()).as(full.output()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
			assertThat(full.output()).contains("out of disk space").contains(small.toString());
			assertThat(WarehousePublishJobConfiguration.workingCopy(properties(warehouse))).doesNotExist();
			RunReport last = RunReport.list(warehouse.getParent().resolve("runs")).get(0);
			assertThat(last.status()).isEqualTo("failed");
			assertThat(last.message()).contains("out of disk space");
			assertThat(Fixtures.marts(warehouse)).isEqualTo(martsBefore);
		}
		finally {
			new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
		}
	}

	private static cq.talentwarehouse.TalentProperties properties(Path warehouse) {
		cq.talentwarehouse.TalentProperties properties = new cq.talentwarehouse.TalentProperties();
		properties.setWarehouse(warehouse);
		return properties;
	}

	private static boolean mount(Path folder, String size) {
		try {
			return new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder.toString())
				.redirectErrorStream(true).start().waitFor() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
