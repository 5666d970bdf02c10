package cq.talentwarehouse.load;

import java.nio.file.Path;
import java.sql.Connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static cq.talentwarehouse.load.PublishedEmptyWarehouse.MEMORY;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data tests of a run run on the database its build left open (warm buffers), and on the file
 * itself whenever that database might not be what the file holds.
 */
class OpenWorkingCopyIntegrationTests {

	@TempDir
	Path dir;

	private PublishedEmptyWarehouse warehouse;

	@BeforeEach
	void publishedWarehouse() throws Exception {
		this.warehouse = PublishedEmptyWarehouse.in(this.dir);
	}

	@AfterEach
	void closeWhatIsLeft() {
		OpenWorkingCopy.discard();
	}

	@Test
	void dataTestsTakeTheDatabaseTheBuildLeftOpenOnce() throws Exception {
		this.warehouse.buildLeavingItOpen("run-1");

		assertThat(WarehouseTests.run(this.warehouse.workingCopy(), MEMORY, null)).isEmpty();

		// taken and closed by the tests: nothing is left open on the file
		assertThat(OpenWorkingCopy.take(this.warehouse.workingCopy())).isNull();
	}

	@Test
	void keptDatabaseSeesWhatTheBuildWrote() throws Exception {
		this.warehouse.buildLeavingItOpen("run-1");

		try (Connection kept = OpenWorkingCopy.take(this.warehouse.workingCopy()); var s = kept.createStatement();
				var rs = s.executeQuery("select count(*) from ops.runs where run_id = 'run-1'")) {
			rs.next();
			assertThat(rs.getLong(1)).isEqualTo(1);
		}
	}

	@Test
	void testsRunOnADatabaseThatHasSpilled() throws Exception {
		this.warehouse.buildLeavingItOpen("run-1");
		// a large build spills beside the working copy; DuckDB keeps that folder from then on
		execute(this.warehouse.workingCopy(), "set memory_limit = '128MB'");
		execute(this.warehouse.workingCopy(),
				"select count(*) from (select range % 1000003 as k, random() as r from range(12000000) order by r)");
		execute(this.warehouse.workingCopy(), "set memory_limit = '" + MEMORY + "'");

		assertThat(WarehouseTests.run(this.warehouse.workingCopy(), MEMORY, null)).isEmpty();
	}

	@Test
	void faultWrittenIntoTheFileAfterTheBuildStillFailsItsTest() throws Exception {
		this.warehouse.buildLeavingItOpen("run-1");
		execute(this.warehouse.workingCopy(), "insert into dw.dim_district select * from dw.dim_district limit 1");

		assertThat(WarehouseTests.run(this.warehouse.workingCopy(), MEMORY, null)).extracting(WarehouseTests.Failure::test)
			.contains("dim_district_unique_code_per_validity");
	}

	@Test
	void anotherFileIsOpenedItself() throws Exception {
		this.warehouse.buildLeavingItOpen("run-1");

		assertThat(OpenWorkingCopy.take(this.warehouse.published())).isNull();
		// the working copy's database was closed rather than handed to a caller of another file
		assertThat(OpenWorkingCopy.take(this.warehouse.workingCopy())).isNull();
	}

	@Test
	void buildReadsThePublishedPeopleOffItsCopyForTheDataTests() throws Exception {
		// given a published warehouse with three people
		execute(this.warehouse.published(), "insert into dw.dim_person select i, cast(printf('%032x', i) as uuid), 'F', 1980"
				+ " from range(1, 4) t(i)");

		// when a night builds on a copy of it, leaving the database open
		this.warehouse.buildLeavingItOpen("run-1");

		// then the data tests get the published file's people from the build, as the file states them,
		// once: the database taken, a later run reads the file
		assertThat(OpenWorkingCopy.peopleBefore(this.warehouse.workingCopy()))
			.isEqualTo(WarehouseTests.peopleBefore(this.warehouse.published()))
			.isEqualTo("{'max_sk': 3::bigint, 'people': 3::bigint}");
		assertThat(WarehouseTests.run(this.warehouse.workingCopy(), MEMORY, this.warehouse.published())).isEmpty();
		assertThat(OpenWorkingCopy.peopleBefore(this.warehouse.workingCopy())).isNull();
	}

	@Test
	void aDatabaseChangedSinceTheBuildHasNoPeopleReadForIt() throws Exception {
		this.warehouse.buildLeavingItOpen("run-1");
		assertThat(OpenWorkingCopy.peopleBefore(this.warehouse.workingCopy())).isNotNull();

		// a fault written into the file after the build: the tests open the file and read the published one
		execute(this.warehouse.workingCopy(), "insert into dw.dim_district select * from dw.dim_district limit 1");

		assertThat(OpenWorkingCopy.peopleBefore(this.warehouse.workingCopy())).isNull();
	}

}
