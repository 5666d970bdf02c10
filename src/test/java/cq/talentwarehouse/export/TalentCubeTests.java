package cq.talentwarehouse.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.load.DuckDb;

import static cq.talentwarehouse.export.TestWarehouses.execute;
import static cq.talentwarehouse.export.TestWarehouses.roster;
import static cq.talentwarehouse.export.TestWarehouses.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code mart.talent_cube} on a warehouse holding exactly the roster facts the test inserts. */
class TalentCubeTests {

	@TempDir
	Path dir;

	@Test
	void cubeCountsEachPersonOnceUnderAllAndOncePerCategoryByGenderAndAgeBand() throws Exception {
		// given: ten people on 江津's roster, all 专业技术人才, people 1-4 also 科技人才; 1-6 men born 1990,
		// 7-8 women born 1960, 9-10 women of unknown birth year
		Path warehouse = TestWarehouses.migrated(this.dir.resolve("talent.duckdb"));
		execute(warehouse, roster("500116", "2023-12-31", 1, 10, "professional_technical"));
		execute(warehouse, "update dw.fct_talent_snapshot set category_sks = list_sort(list_append(category_sks,"
				+ " (select category_sk from dw.dim_talent_category where category_code = 'science_tech'))) where person_sk <= 4",
				"update dw.dim_person set gender = case when person_sk <= 6 then 'M' else 'F' end,"
						+ " birth_year = case when person_sk <= 6 then 1990 when person_sk <= 8 then 1960 end");
		// the cube's aggregate, as a load (and the migration creating it) computes it from the facts
		String aggregate = Files.readString(Path.of("sql/migrations/V019__create_agg_talent_cube.sql"));
		execute(warehouse, DuckDb.statements(aggregate).get(1));

		// when
		List<List<String>> cube = rows(warehouse, "select category_code, category_group, gender, age_band, people"
				+ " from mart.talent_cube order by category_code, gender, age_band");

		// then: 2023 - 1990 = 33 years; 2023 - 1960 = 63; unknown stays unknown
		assertThat(cube).containsExactly(Arrays.asList("all", "合计", "女", "55岁及以上", "2"), Arrays.asList("all", "合计", "女", null, "2"),
				Arrays.asList("all", "合计", "男", "35岁以下", "6"),
				Arrays.asList("professional_technical", "人才资源总量", "女", "55岁及以上", "2"),
				Arrays.asList("professional_technical", "人才资源总量", "女", null, "2"),
				Arrays.asList("professional_technical", "人才资源总量", "男", "35岁以下", "6"),
				Arrays.asList("science_tech", "重点领域", "男", "35岁以下", "4"));
		assertThat(rows(warehouse, "select sum(people) from mart.talent_cube where category_code = 'all'"))
			.isEqualTo(rows(warehouse, "select sum(talent_total) from mart.district_talent_totals"));
	}

}
