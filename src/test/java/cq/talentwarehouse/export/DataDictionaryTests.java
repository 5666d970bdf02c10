package cq.talentwarehouse.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.load.DuckDb;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/data-dictionary.md} is generated from a freshly migrated warehouse's catalog; this test
 * fails when the file is stale and rewrites it with {@code -Ddocs.update=true}.
 */
class DataDictionaryTests {

	static final Path DOCUMENT = Path.of("docs/data-dictionary.md");

	static final String REGENERATE = "mvn -B -q test -Dtest=DataDictionaryTests -Ddocs.update=true";

	@TempDir
	static Path dir;

	private static List<MartView> views;

	@BeforeAll
	static void migrate() throws Exception {
		Path warehouse = TestWarehouses.migrated(dir.resolve("talent.duckdb"));
		try (Connection c = DuckDb.openReadOnly(warehouse)) {
			views = MartViews.list(c);
		}
	}

	@Test
	void everyMartViewAndColumnHasADescription() {
		assertThat(views).isNotEmpty();
		for (MartView view : views) {
			assertThat(view.description()).as("comment on view %s", view.qualifiedName()).isNotBlank();
			for (MartView.Column column : view.columns()) {
				assertThat(column.description()).as("comment on column %s.%s", view.qualifiedName(), column.name())
					.isNotBlank();
			}
		}
	}

	@Test
	void dataDictionaryDocumentMatchesTheMigratedWarehouse() throws Exception {
		// given
		String generated = DataDictionary.markdown(views);

		// when
		if (Boolean.getBoolean("docs.update")) {
			Files.createDirectories(DOCUMENT.toAbsolutePath().getParent());
			Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
		}

		// then
		String current = Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : "";
		assertThat(current)
			.as(DOCUMENT + " is out of date with the comments in sql/marts/R__mart_*.sql; regenerate it with: " + REGENERATE)
			.isEqualTo(generated);
	}

}
