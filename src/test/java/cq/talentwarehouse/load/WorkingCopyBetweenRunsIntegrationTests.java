package cq.talentwarehouse.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.reference.Seeds;

import static cq.talentwarehouse.load.PublishedEmptyWarehouse.MEMORY;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.count;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that outlives its runs (the schedule) prepares the next run's working copy between
 * them; a run builds on it only when the published file is as it was and the run's seeds are the
 * ones loaded into it, and otherwise prepares its own.
 */
class WorkingCopyBetweenRunsIntegrationTests {

	@TempDir
	Path dir;

	private PublishedEmptyWarehouse warehouse;

	private Path nextRunSeeds;

	@BeforeEach
	void publishedWarehouseAndTheSeedsAsTheyAreBetweenRuns() throws Exception {
		this.warehouse = PublishedEmptyWarehouse.in(this.dir);
		this.nextRunSeeds = this.dir.resolve("work/next-run-seeds");
		Seeds.bundled().copyTo(this.nextRunSeeds);
		// the seeds the next run copies when it starts: the same, unless a test edits them
		Seeds.bundled().copyTo(this.warehouse.seeds());
	}

	@AfterEach
	void closeWhatIsLeftOpen() {
		OpenWorkingCopy.discard();
	}

	@Test
	void runWithTheSameSeedsBuildsOnTheCopyPreparedBetweenRuns() throws Exception {
		// given a copy prepared between runs, its database held open by this process
		prepareBetweenRuns();
		Object prepared = fileKey();

		// when the next run starts and builds
		boolean taken = take("run-1");
		this.warehouse.build("run-1");

		// then it took that copy and built on that very file (a copy prepared afresh is a new file)
		assertThat(taken).isTrue();
		assertThat(fileKey()).isEqualTo(prepared);
		assertThat(count(this.warehouse.workingCopy(), "select count(*) from ops.runs where run_id = 'run-1'")).isEqualTo(1);
	}

	@Test
	void runWhoseSeedsWereEditedSinceBuildsOnItsOwnCopyWithThem() throws Exception {
		// given a copy prepared between runs, and then an operator renaming a platform level
		prepareBetweenRuns();
		Path levels = this.warehouse.seeds().resolve("platform_levels.csv");
		Files.writeString(levels, Files.readString(levels, StandardCharsets.UTF_8).replace("区县级,3", "区县级平台,3"),
				StandardCharsets.UTF_8);

		// when the next run starts with the edited seeds and builds
		boolean taken = take("run-1");
		this.warehouse.build("run-1");

		// then it built on a fresh copy, with the level as the operator named it in the seed and its dimension
		assertThat(taken).isFalse();
		assertThat(count(this.warehouse.workingCopy(),
				"select count(*) from seed.platform_levels where platform_level_name = '区县级平台'")).isEqualTo(1);
		assertThat(count(this.warehouse.workingCopy(),
				"select count(*) from dw.dim_platform_level where platform_level_name = '区县级平台'")).isEqualTo(1);
	}

	@Test
	void runAfterAnotherWarehouseWasPublishedBuildsOnACopyOfIt() throws Exception {
		// given a copy prepared between runs, and then another process publishing a changed warehouse
		prepareBetweenRuns();
		execute(this.warehouse.published(), "create table main.published_since (x integer)");

		// when the next run starts and builds
		boolean taken = take("run-1");
		this.warehouse.build("run-1");

		// then it built on a copy of the warehouse as published now
		assertThat(taken).isFalse();
		assertThat(tableExists("published_since")).isTrue();
	}

	@Test
	void copyThisProcessNoLongerHoldsIsNotTaken() throws Exception {
		// given a copy prepared between runs by a process that ended: its database closed (checkpointed, no log)
		prepareBetweenRuns();
		OpenWorkingCopy.discard();
		assertThat(Path.of(this.warehouse.workingCopy() + ".wal")).doesNotExist();

		// when a run of another process starts (perhaps of another version, whose migrations it lacks)
		boolean taken = take("run-1");

		// then it prepares its own
		assertThat(taken).isFalse();
	}

	@Test
	void nothingIsPreparedBetweenRunsBeforeTheFirstPublish() throws Exception {
		// given no warehouse published yet
		Files.delete(this.warehouse.published());

		// when the time between runs comes
		WarehouseBuilder.prepareBetweenRuns(this.warehouse.published(), this.warehouse.workingCopy(), this.nextRunSeeds,
				MEMORY);

		// then no working copy was made: the first run prepares its own from the bundled empty warehouse
		assertThat(this.warehouse.workingCopy()).doesNotExist();
		assertThat(take("run-1")).isFalse();
	}

	private void prepareBetweenRuns() {
		WarehouseBuilder.prepareBetweenRuns(this.warehouse.published(), this.warehouse.workingCopy(), this.nextRunSeeds,
				MEMORY);
	}

	private Object fileKey() throws Exception {
		return Files.readAttributes(this.warehouse.workingCopy(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
	}

	private boolean take(String runId) throws Exception {
		return WarehouseBuilder.takePreparedBetweenRuns(this.warehouse.published(), this.warehouse.workingCopy(),
				this.warehouse.seeds(), runId);
	}

	private boolean tableExists(String table) throws Exception {
		return count(this.warehouse.workingCopy(),
				"select count(*) from information_schema.tables where table_name = '" + table + "'") > 0;
	}

}
