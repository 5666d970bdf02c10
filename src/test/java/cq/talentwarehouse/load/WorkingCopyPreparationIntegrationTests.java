package cq.talentwarehouse.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.stage.StagingArea;
import cq.talentwarehouse.testing.Fixtures;

import static cq.talentwarehouse.load.PublishedEmptyWarehouse.MEMORY;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.count;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run that leaves a staging thread idle prepares its working copy (copy of the published file,
 * seeds, migrations, the dimensions read from the seeds) on it; the build uses that copy only when it
 * was prepared for the same run from the published file as it still is, and prepares afresh otherwise.
 */
class WorkingCopyPreparationIntegrationTests {

	@TempDir
	Path dir;

	private Path published;

	private Path workingCopy;

	private StagingArea staging;

	private PublishedEmptyWarehouse warehouse;

	@BeforeEach
	void publishedWarehouseAndEmptyNight() throws Exception {
		this.warehouse = PublishedEmptyWarehouse.in(this.dir);
		this.published = this.warehouse.published();
		this.workingCopy = this.warehouse.workingCopy();
		this.staging = this.warehouse.staging();
	}

	@AfterEach
	void closeWhatIsLeftOpen() {
		OpenWorkingCopy.discard();
	}

	@Test
	void buildUsesTheCopyPreparedAheadForItsRun() throws Exception {
		// given a working copy prepared ahead for run-1, which the build must not copy over again
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);
		execute(this.workingCopy, "create table main.prepared_ahead (x integer)");
		// the prepared database stays open for the build: a write left in its log would mark the copy changed
		execute(this.workingCopy, "checkpoint");

		// when run-1 builds
		this.warehouse.build("run-1");

		// then it built on the prepared copy
		assertThat(tableExists(this.workingCopy, "prepared_ahead")).isTrue();
		assertThat(count(this.workingCopy, "select count(*) from ops.runs where run_id = 'run-1'")).isEqualTo(1);
	}

	@Test
	void copyPreparedBeforeAnyBuildHoldsTheDimensionsOfTheSeeds() throws Exception {
		// given no warehouse published yet: the copy starts from the bundled empty warehouse, no dimension rows in it
		Files.delete(this.published);

		// when the working copy is prepared, nothing staged or built
		WarehouseBuilder.prepare(this.published, this.workingCopy, this.warehouse.seeds(), MEMORY);

		// then it holds the seed's districts and each vocabulary's codes, and no run has built on it
		assertThat(Fixtures.rows(this.workingCopy, "select district_code, district_name, cast(valid_from as varchar),"
				+ " is_current from dw.dim_district order by all"))
			.isEqualTo(Fixtures.rows(this.workingCopy, "select district_code, district_name, valid_from,"
					+ " coalesce(valid_to, '') = '' from seed.districts order by all"))
			.hasSizeGreaterThan(30);
		// a dimension, its seed, the code both carry
		for (List<String> vocabulary : List.of(List.of("dim_talent_category", "talent_categories", "category_code"),
				List.of("dim_platform_level", "platform_levels", "platform_level_code"),
				List.of("dim_programme_tier", "programme_tiers", "tier_code"))) {
			String codes = "select " + vocabulary.get(2) + " from ";
			assertThat(Fixtures.rows(this.workingCopy, codes + "dw." + vocabulary.get(0) + " order by 1"))
				.as(vocabulary.get(0))
				.isEqualTo(Fixtures.rows(this.workingCopy, codes + "seed." + vocabulary.get(1) + " order by 1"))
				.isNotEmpty();
		}
		assertThat(count(this.workingCopy, "select count(*) from ops.runs")).isZero();
	}

	@Test
	void seedEditedSinceTheLastPublishReachesTheDimensionsOfTheCopyPreparedAheadAndBuiltOn() throws Exception {
		// given the published warehouse, and then an operator renaming a platform level in the seeds
		long levelKey = count(this.published,
				"select platform_level_sk from dw.dim_platform_level where platform_level_code = 'district'");
		Path levels = this.warehouse.seeds().resolve("platform_levels.csv");
		Files.writeString(levels, Files.readString(levels, StandardCharsets.UTF_8).replace("区县级,3", "区县级平台,3"),
				StandardCharsets.UTF_8);

		// when run-1's working copy is prepared ahead with those seeds, and run-1 builds
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);
		Object prepared = Files.readAttributes(this.workingCopy, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
		this.warehouse.build("run-1");

		// then it built on the prepared copy, whose level is named as edited under the key it had
		assertThat(Files.readAttributes(this.workingCopy, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
			.isEqualTo(prepared);
		assertThat(Fixtures.rows(this.workingCopy, "select platform_level_sk, platform_level_name from dw.dim_platform_level"
				+ " where platform_level_code = 'district'"))
			.containsExactly(List.of(String.valueOf(levelKey), "区县级平台"));
	}

	@Test
	void noScriptRunsBothWhenTheCopyIsPreparedAndInTheBuild() {
		// given the scripts the preparation runs
		List<String> prepared = WarehouseBuilder.PREPARE_FOLDERS.stream()
			.flatMap((folder) -> DuckDb.sqlFiles(folder).stream())
			.map((script) -> script.getFilename())
			.toList();

		// when the build's folders are listed on the class path (a stale target/classes keeps moved files)
		List<String> built = WarehouseBuilder.BUILD_FOLDERS.stream()
			.flatMap((folder) -> DuckDb.sqlFiles(folder).stream())
			.map((script) -> script.getFilename())
			.toList();

		// then none of them is run again by the build
		assertThat(prepared).contains("010_dim_district.sql", "015_dim_vocabularies.sql");
		assertThat(built).as("build scripts also run when the copy is prepared (mvn clean?)").doesNotContainAnyElementsOf(prepared);
	}

	@Test
	void leavesTheWorkingCopyToTheBuildWhenTheDiskLacksRoomForIt() throws Exception {
		// given a published file larger than the disk could copy twice (sparse: a terabyte, no blocks)
		Path large = this.dir.resolve("large.duckdb");
		try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(large.toFile(), "rw")) {
			file.setLength(1L << 40);
		}
		assertThat(Files.getFileStore(this.dir).getUsableSpace()).isLessThan(2L << 40);

		// when the working copy would be prepared ahead of it
		WarehouseBuilder.prepareAhead(large, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);

		// then nothing was copied: the build prepares it, and a full disk fails there, naming the path
		assertThat(Preparation.hasRoomAhead(large, this.workingCopy)).isFalse();
		assertThat(this.workingCopy).doesNotExist();
		assertThat(Preparation.hasRoomAhead(this.published, this.workingCopy)).isTrue();
	}

	@Test
	void buildJoinsTheDatabasePreparedAheadWithItsBuffersAndClosesItsHold() throws Exception {
		// given a working copy prepared ahead, its database kept open and warm
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);

		// when run-1 builds (and its data tests take the database it leaves)
		this.warehouse.buildLeavingItOpen("run-1");
		assertThat(WarehouseTests.run(this.workingCopy, MEMORY, null)).isEmpty();

		// then nothing of this process holds the file any more: it can be opened read-only, and moved
		assertThat(OpenWorkingCopy.take(this.workingCopy)).isNull();
		assertThat(count(this.workingCopy, "select count(*) from ops.runs where run_id = 'run-1'")).isEqualTo(1);
	}

	@Test
	void buildTakesThePreparedDatabaseWithItsWriteAheadLogWhileThisProcessHoldsIt() throws Exception {
		// given a copy prepared ahead and left open, its seeds and migrations still in the log
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);
		assertThat(Path.of(this.workingCopy + ".wal")).exists();
		Object prepared = Files.readAttributes(this.workingCopy, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

		// when run-1 builds
		this.warehouse.build("run-1");

		// then it built on that file, not on a new copy
		assertThat(Files.readAttributes(this.workingCopy, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
			.isEqualTo(prepared);
		assertThat(count(this.workingCopy, "select count(*) from ops.runs where run_id = 'run-1'")).isEqualTo(1);
	}

	@Test
	void copyWithAWriteAheadLogNoDatabaseHereHoldsIsPreparedAgain() throws Exception {
		// given a copy prepared ahead by a process that is gone (its database closed here), a log beside it
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);
		execute(this.workingCopy, "create table main.prepared_ahead (x integer)");
		OpenWorkingCopy.discard();
		Files.write(Path.of(this.workingCopy + ".wal"), new byte[] { 1, 2, 3 });

		// when run-1 builds
		this.warehouse.build("run-1");

		// then it started from a fresh copy of the published file
		assertThat(tableExists(this.workingCopy, "prepared_ahead")).isFalse();
		assertThat(count(this.workingCopy, "select count(*) from ops.runs where run_id = 'run-1'")).isEqualTo(1);
	}

	@Test
	void copyPreparedForAnotherRunIsPreparedAgain() throws Exception {
		// given a copy prepared ahead for run-1
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);
		execute(this.workingCopy, "create table main.prepared_ahead (x integer)");

		// when run-2 builds
		this.warehouse.build("run-2");

		// then run-2 started from a fresh copy of the published file
		assertThat(tableExists(this.workingCopy, "prepared_ahead")).isFalse();
		assertThat(count(this.workingCopy, "select count(*) from ops.runs where run_id = 'run-2'")).isEqualTo(1);
	}

	@Test
	void copyOfAPublishedFileThatChangedSinceIsPreparedAgain() throws Exception {
		// given a copy prepared ahead, and then a different warehouse published in its place
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);
		execute(this.workingCopy, "create table main.prepared_ahead (x integer)");
		execute(this.published, "create table main.published_since (x integer)");

		// when run-1 builds
		this.warehouse.build("run-1");

		// then it built on a copy of the warehouse as published now
		assertThat(tableExists(this.workingCopy, "prepared_ahead")).isFalse();
		assertThat(tableExists(this.workingCopy, "published_since")).isTrue();
	}

	@Test
	void buildRetriedAfterAFailureStartsFromAFreshCopy() throws Exception {
		// given a copy prepared ahead that a first build attempt used (and might have left half-built)
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);
		this.warehouse.build("run-1");
		execute(this.workingCopy, "create table main.left_by_first_attempt (x integer)");

		// when the build is retried for the same run
		this.warehouse.build("run-1");

		// then the retry did not reuse the first attempt's file
		assertThat(tableExists(this.workingCopy, "left_by_first_attempt")).isFalse();
	}

	@Test
	void failedPreparationLeavesTheBuildToReportTheFailure() throws Exception {
		// given a published file that is not a DuckDB database
		Files.writeString(this.published, "not a database");

		// when the run prepares ahead, the failure is not thrown at the preparing thread
		WarehouseBuilder.prepareAhead(this.published, this.workingCopy, this.warehouse.seeds(), "run-1", MEMORY);

		// then nothing is marked as prepared, and the build fails on the same file itself
		assertThat(this.workingCopy.resolveSibling("talent.duckdb.prepared")).doesNotExist();
		assertThatThrownBy(() -> this.warehouse.build("run-1")).isInstanceOf(SQLException.class);
	}

	private static boolean tableExists(Path file, String table) throws Exception {
		return count(file, "select count(*) from information_schema.tables where table_name = '" + table + "'") > 0;
	}

}
