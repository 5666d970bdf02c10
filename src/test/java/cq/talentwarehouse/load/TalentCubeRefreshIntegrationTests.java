package cq.talentwarehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night's refresh of the talent cube (sql/aggregates/083, which counts a load's rows from its staged
 * roster) leaves the same cube as deriving it from every fact and dw.dim_person.
 */
class TalentCubeRefreshIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void cubeAfterASmallLoadEqualsTheCubeOfEveryFact() throws Exception {
		// given a loaded warehouse
		Path warehouse = Fixtures.fixtureLoad(this.dir);

		// when a second, small load adds one 江津 snapshot of two records
		Fixtures.LoadResult result = Fixtures.smallJiangjinLoad(this.dir, warehouse, 2);
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);

		// then the cube holds the new snapshot, and exactly the rows derived from every fact
		try (Connection c = DuckDb.openReadOnly(warehouse); Statement s = c.createStatement()) {
			assertThat(count(s, "select * from dw.agg_talent_cube where snapshot_date_sk = 20241231")).isPositive();
			assertThat(count(s, "select * from dw.agg_talent_cube except all"
					+ " select * from dw.talent_cube_of('dw.fct_talent_snapshot')")).isZero();
			assertThat(count(s, "select * from dw.talent_cube_of('dw.fct_talent_snapshot') except all"
					+ " select * from dw.agg_talent_cube")).isZero();
		}
	}

	private static long count(Statement s, String query) throws Exception {
		try (ResultSet rs = s.executeQuery("select count(*) from (" + query + ")")) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
