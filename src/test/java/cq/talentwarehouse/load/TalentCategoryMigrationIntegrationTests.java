package cq.talentwarehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V017 moved a roster row's talent categories from the bridge table into the fact row: a warehouse
 * built before it keeps every category of every row, and dw.fct_talent_category reads as before.
 */
class TalentCategoryMigrationIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void keepsEveryCategoryOfEveryRosterRowAndTheBridgeReadsAsBefore() throws Exception {
		Path warehouse = this.dir.resolve("talent.duckdb");
		try (Connection connection = DuckDb.openReadWrite(warehouse)) {
			// given a warehouse at V016: person 1 in two categories (inserted out of key order), person 2
			// in one, person 3 in none
			WarehouseBuilder.loadSeeds(connection, this.dir.resolve("seeds"));
			OlderWarehouse.migrate(connection, 16, this.dir.resolve("migrations"));
			execute(connection, "insert into dw.dim_talent_category values (10, 'a', '甲', 'g'), (20, 'b', '乙', 'g')");
			execute(connection, "insert into dw.fct_talent_snapshot (snapshot_date_sk, district_sk, person_sk, is_high_level,"
					+ " is_high_skill, run_id, source_line) select 20241231, 1, i, false, false, 'old', i from range(1, 4) r(i)");
			execute(connection, "insert into dw.fct_talent_category values (20241231, 1, 1, 20), (20241231, 1, 1, 10),"
					+ " (20241231, 1, 2, 20)");
			List<String> before = rows(connection, "select * from dw.fct_talent_category order by all");

			// when it migrates to the current schema, as a load does
			WarehouseBuilder.migrate(connection);

			// then the categories sit in the fact rows, sorted, and the view gives the old bridge's rows
			assertThat(rows(connection, "select person_sk, category_sks from dw.fct_talent_snapshot order by person_sk"))
				.containsExactly("1|[10, 20]", "2|[20]", "3|null");
			assertThat(rows(connection, "select * from dw.fct_talent_category order by all")).isEqualTo(before);
			assertThat(rows(connection, "select table_type from information_schema.tables"
					+ " where table_schema = 'dw' and table_name = 'fct_talent_category'")).containsExactly("VIEW");
		}
	}

	private static List<String> rows(Connection connection, String sql) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int c = 1; c <= columns; c++) {
					row.append(c > 1 ? "|" : "").append(rs.getString(c));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

	private static void execute(Connection connection, String sql) throws Exception {
		try (Statement s = connection.createStatement()) {
			s.execute(sql);
		}
	}

}
