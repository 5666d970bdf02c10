package cq.talentwarehouse.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night's refresh of the talent cube (sql/aggregates/083, which derives a small load's rows from a
 * copy of them) leaves the same cube as deriving it from every fact.
 */
class TalentCubeRefreshIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void cubeAfterASmallLoadEqualsTheCubeOfEveryFact() throws Exception {
		// given a loaded warehouse
		Path warehouse = Fixtures.fixtureLoad(this.dir);

		// when a second, small load adds one 江津 snapshot of two records
		Path fixture = Fixtures.FUNCTIONAL_LANDING.resolve("jiangjin/2023-12-31");
		Path folder = Files.createDirectories(this.dir.resolve("landing/jiangjin/2024-12-31"));
		for (String file : List.of("企业资质名单.csv", "创新平台名单.csv", "人才资源花名册.csv")) {
			Files.copy(fixture.resolve(file), folder.resolve(file));
		}
		List<String> roster = Files.readAllLines(folder.resolve("人才资源花名册.csv"), StandardCharsets.UTF_8);
		Files.write(folder.resolve("人才资源花名册.csv"), roster.subList(0, 3), StandardCharsets.UTF_8);
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(this.dir.resolve("pipelines"),
				this.dir.resolve("landing"), warehouse, this.dir.resolve("key")));
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
