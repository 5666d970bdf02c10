package cq.talentwarehouse.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.FileSystemResource;

import cq.talentwarehouse.testing.Fixtures;

import static cq.talentwarehouse.load.PublishedEmptyWarehouse.MEMORY;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.count;
import static cq.talentwarehouse.load.PublishedEmptyWarehouse.execute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first load's working copy starts from the empty warehouse the build bundled instead of a new
 * file that Flyway migrates: the same schema, a schema history Flyway goes on from, the storage format
 * DuckDB 1.4+ reads; a missing, damaged or outdated one is reported and Flyway creates the schema.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmptyWarehouseIntegrationTests {

	/** Every object of the schema with its definition, and Flyway's history without its times. */
	private static final List<String> SCHEMA = List.of(
			"select schema_name, table_name, column_name, column_index, data_type, column_default, is_nullable"
					+ " from duckdb_columns() where database_name = current_database() order by all",
			"select schema_name, view_name, sql from duckdb_views() where database_name = current_database()"
					+ " and not internal order by all",
			"select schema_name, function_name, function_type, macro_definition from duckdb_functions()"
					+ " where database_name = current_database() and function_type in ('macro', 'table_macro') order by all",
			"select schema_name, table_name, constraint_type, constraint_text from duckdb_constraints()"
					+ " where database_name = current_database() order by all",
			"select schema_name, index_name, table_name, sql from duckdb_indexes() where database_name = current_database()"
					+ " order by all",
			"select schema_name, sequence_name, start_value, increment_by from duckdb_sequences()"
					+ " where database_name = current_database() order by all",
			"select installed_rank, version, description, type, script, checksum, success from ops.schema_history order by 1",
			"select 'dim_date', count(*), min(date_sk), max(date_sk) from dw.dim_date");

	@TempDir
	Path dir;

	@Test
	void aNewWarehouseStartsFromTheBundledOneWithTheSchemaFlywayCreatesAndInstalledNow(CapturedOutput output)
			throws Exception {
		// given no published warehouse yet
		LocalDateTime before = LocalDateTime.now().minusSeconds(1);

		// when one working copy is prepared from the bundled empty warehouse and one by Flyway on a new file
		Path bundled = prepare("bundled", EmptyWarehouse.bundled());
		assertThat(output.getOut()).doesNotContain("empty warehouse");
		Path migrated = prepare("migrated", EmptyWarehouse.at(new FileSystemResource(this.dir.resolve("none.duckdb"))));

		// then both hold the same tables, views, macros, constraints and history, in DuckDB 1.4+'s format
		for (String sql : SCHEMA) {
			assertThat(Fixtures.rows(bundled, sql)).as(sql).isEqualTo(Fixtures.rows(migrated, sql));
		}
		assertThat(Fixtures.rows(bundled, SCHEMA.get(0))).hasSizeGreaterThan(100);
		assertThat(Fixtures.rows(bundled, SCHEMA.get(1))).hasSizeGreaterThan(20);
		assertThat(Fixtures.rows(bundled, "select tags['storage_version'] from duckdb_databases()"
				+ " where database_name = current_database()").get(0).get(0)).startsWith(DuckDb.STORAGE_COMPATIBILITY);
		// the history says the schema was created when this warehouse was, as Flyway would have recorded
		assertThat(count(bundled, "select count(*) from ops.schema_history where installed_on < '" + before + "'"))
			.isZero();
		try (Connection connection = DuckDb.openReadOnly(bundled)) {
			assertThat(SchemaHistory.isCurrent(connection, SchemaHistory.bundled())).isTrue();
		}
	}

	@Test
	void aMissingEmptyWarehouseIsReportedAndFlywayCreatesTheSchema(CapturedOutput output) throws Exception {
		// given a template that is not there
		Path missing = this.dir.resolve("missing.duckdb");

		// when a new warehouse's working copy is prepared
		Path workingCopy = prepare("copy", EmptyWarehouse.at(new FileSystemResource(missing)));

		// then the log names it and the schema is current all the same
		assertThat(output.getOut()).contains("no empty warehouse bundled").contains(missing.toString())
			.contains("creating the schema with Flyway");
		assertCurrent(workingCopy);
	}

	@Test
	void aDamagedEmptyWarehouseIsReportedAndFlywayCreatesTheSchema(CapturedOutput output) throws Exception {
		// given a template cut off half-way
		Path whole = prepare("whole", EmptyWarehouse.bundled());
		byte[] bytes = Files.readAllBytes(whole);
		Path damaged = Files.write(this.dir.resolve("damaged.duckdb"), java.util.Arrays.copyOf(bytes, 5000));

		// when a new warehouse's working copy is prepared from it
		Path workingCopy = prepare("copy", EmptyWarehouse.at(new FileSystemResource(damaged)));

		// then the log says it cannot be read and the schema is current all the same
		assertThat(output.getOut()).contains("the bundled empty warehouse").contains(damaged.toString())
			.contains("cannot be read").contains("creating the schema with Flyway");
		assertCurrent(workingCopy);
		assertThat(Path.of(workingCopy + ".wal")).doesNotExist();
	}

	@Test
	void anEmptyWarehouseBuiltFromOtherMigrationsIsReportedAndFlywayCreatesTheSchema(CapturedOutput output)
			throws Exception {
		// given a template built before the last versioned migration
		Path outdated = prepare("outdated", EmptyWarehouse.bundled());
		String last = lastVersionedMigration();
		execute(outdated, "delete from ops.schema_history where script = '" + last + "'");

		// when a new warehouse's working copy is prepared from it
		Path workingCopy = prepare("copy", EmptyWarehouse.at(new FileSystemResource(outdated)));

		// then the log says why it was not used, and the schema is the bundled one
		assertThat(output.getOut()).contains("does not match the bundled migrations");
		assertCurrent(workingCopy);
		assertThat(count(workingCopy, "select count(*) from ops.schema_history where script = '" + last + "'"))
			.isEqualTo(1);
	}

	@Test
	void aWarehouseStartedFromTheBundledOneTakesALaterVersionsMigrationsThroughFlyway() throws Exception {
		// given a published warehouse born from the bundled empty one, as the version before the last
		// migration would have left it (its tables and its history entry not there yet)
		PublishedEmptyWarehouse warehouse = PublishedEmptyWarehouse.in(this.dir.resolve("older"));
		String last = lastVersionedMigration();
		List<String> tables = List.of("fct_talent_programme", "dim_programme", "dim_programme_tier");
		for (String table : tables) {
			execute(warehouse.published(), "drop table dw." + table);
			execute(warehouse.published(), "delete from ops.schema_columns where table_name = '" + table + "'");
		}
		execute(warehouse.published(), "delete from ops.schema_history where script = '" + last + "'");

		// when this version's next night builds on it
		warehouse.build("run-1");

		// then Flyway applied the migration it lacked and the history is current
		assertCurrent(warehouse.workingCopy());
		assertThat(count(warehouse.workingCopy(), "select count(*) from duckdb_tables() where schema_name = 'dw'"
				+ " and table_name = 'fct_talent_programme'")).isEqualTo(1);
		assertThat(count(warehouse.workingCopy(), "select count(*) from ops.schema_history where script = '" + last
				+ "' and success")).isEqualTo(1);
	}

	private Path prepare(String name, EmptyWarehouse template) throws Exception {
		Path workingCopy = this.dir.resolve(name).resolve("talent.duckdb");
		WarehouseBuilder.prepare(this.dir.resolve(name).resolve("published.duckdb"), workingCopy,
				this.dir.resolve(name).resolve("seeds"), MEMORY, template);
		return workingCopy;
	}

	private static String lastVersionedMigration() {
		return SchemaHistory.bundled().stream().filter((s) -> !s.repeatable()).reduce((a, b) -> b).orElseThrow().name();
	}

	private static void assertCurrent(Path file) throws Exception {
		try (Connection connection = DuckDb.openReadOnly(file)) {
			assertThat(SchemaHistory.isCurrent(connection, SchemaHistory.bundled())).isTrue();
			assertThat(SchemaHistory.missingObjects(connection, SchemaHistory.bundled())).isEmpty();
		}
	}

}
