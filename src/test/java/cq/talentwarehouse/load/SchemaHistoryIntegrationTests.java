package cq.talentwarehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.stage.StagingArea;

import static cq.talentwarehouse.load.PublishedEmptyWarehouse.MEMORY;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.count;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night on a published file whose schema history is current skips Flyway and re-creates only the
 * views another client dropped; a changed or missing migration still goes through Flyway.
 */
class SchemaHistoryIntegrationTests {

	@TempDir
	Path dir;

	private Path published;

	private Path workingCopy;

	private StagingArea staging;

	@BeforeEach
	void publishedWarehouseMigratedByFlyway() throws Exception {
		PublishedEmptyWarehouse warehouse = PublishedEmptyWarehouse.in(this.dir);
		this.published = warehouse.published();
		this.workingCopy = warehouse.workingCopy();
		this.staging = warehouse.staging();
	}

	@Test
	void historyWrittenByFlywayIsCurrentForTheBundledMigrations() throws Exception {
		// given the file Flyway migrated; when its history is compared with the bundled scripts
		try (Connection connection = DuckDb.openReadOnly(this.published)) {
			// then every checksum Flyway recorded is the one computed here
			assertThat(SchemaHistory.isCurrent(connection, SchemaHistory.bundled())).isTrue();
		}
	}

	@Test
	void skipsMigrationsWhenTheSchemaIsCurrent() throws Exception {
		// given a current file on which another client replaced (not dropped) a view
		long entries = count(this.published, "select count(*) from ops.schema_history");
		execute(this.published, "create or replace view mart.talent_cube as select 1 as replaced_by_a_client");

		// when the next night prepares its working copy
		prepare();

		// then neither Flyway nor the repeatable scripts ran: no history entry, the view as it was left
		assertThat(count(this.workingCopy, "select count(*) from ops.schema_history")).isEqualTo(entries);
		assertThat(count(this.workingCopy, "select count(*) from duckdb_columns() where schema_name = 'mart'"
				+ " and table_name = 'talent_cube' and column_name = 'replaced_by_a_client'")).isEqualTo(1);
	}

	@Test
	void recreatesAViewDroppedByAnotherClient() throws Exception {
		// given a current file from which a mart view and a dw macro were dropped
		execute(this.published, "drop view mart.district_talent_totals");
		execute(this.published, "drop macro table dw.talent_cube_of");

		// when the next night prepares its working copy
		prepare();

		// then both are back
		assertThat(count(this.workingCopy, "select count(*) from duckdb_views() where schema_name = 'mart'"
				+ " and view_name = 'district_talent_totals'")).isEqualTo(1);
		assertThat(count(this.workingCopy, "select count(*) from duckdb_functions() where schema_name = 'dw'"
				+ " and function_name = 'talent_cube_of'")).isEqualTo(1);
	}

	@Test
	void rerunsAChangedRepeatableView() throws Exception {
		// given a file whose history records another version of R__mart_talent_cube.sql than the bundled one
		execute(this.published, "create or replace view mart.talent_cube as select 1 as older_version");
		execute(this.published, "update ops.schema_history set checksum = checksum + 1"
				+ " where script = 'R__mart_talent_cube.sql'");
		long entries = count(this.published, "select count(*) from ops.schema_history");

		// when the next night prepares its working copy
		prepare();

		// then Flyway re-ran the changed script and recorded it, and the view is the bundled one again
		assertThat(count(this.workingCopy, "select count(*) from ops.schema_history")).isEqualTo(entries + 1);
		assertThat(count(this.workingCopy, "select count(*) from duckdb_columns() where schema_name = 'mart'"
				+ " and table_name = 'talent_cube' and column_name = 'older_version'")).isZero();
		try (Connection connection = DuckDb.openReadOnly(this.workingCopy)) {
			assertThat(SchemaHistory.isCurrent(connection, SchemaHistory.bundled())).isTrue();
		}
	}

	@Test
	void appliesAVersionedMigrationTheFileLacks() throws Exception {
		// given a file built before the last versioned migration (its table and history entry gone)
		List<SchemaHistory.Script> bundled = SchemaHistory.bundled();
		String last = bundled.stream().filter((s) -> !s.repeatable()).reduce((a, b) -> b).orElseThrow().name();
		execute(this.published, "delete from ops.schema_history where script = '" + last + "'");

		// when its history is compared with the bundled scripts
		try (Connection connection = DuckDb.openReadOnly(this.published)) {
			// then it is not current, so the build hands it to Flyway
			assertThat(SchemaHistory.isCurrent(connection, bundled)).isFalse();
		}
	}

	@Test
	void failedHistoryEntryIsLeftToFlyway() throws Exception {
		// given a history with a failed entry
		execute(this.published, "update ops.schema_history set success = false where script = 'R__mart_talent_cube.sql'");

		// when it is compared, then it is not current
		try (Connection connection = DuckDb.openReadOnly(this.published)) {
			assertThat(SchemaHistory.isCurrent(connection, SchemaHistory.bundled())).isFalse();
		}
	}

	private void prepare() throws Exception {
		WarehouseBuilder.prepare(this.published, this.workingCopy, this.staging.root().resolve("seeds"), MEMORY);
	}

}
