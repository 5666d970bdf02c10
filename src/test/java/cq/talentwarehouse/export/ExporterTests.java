package cq.talentwarehouse.export;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.load.DuckDb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Parquet and CSV exports of the fixture load, checked against the views they come from. */
class ExporterTests {

	@TempDir
	static Path shared;

	private static Path warehouse;

	@TempDir
	Path out;

	@BeforeAll
	static void loadFixture() throws Exception {
		warehouse = TestWarehouses.fixtureLoad(shared);
	}

	@Test
	void parquetExportHoldsEveryMartViewWithTheViewsRowCountsAndChecksums() throws Exception {
		// given
		List<MartView> views;
		try (Connection c = DuckDb.openReadOnly(warehouse)) {
			views = MartViews.list(c);
		}

		// when
		Manifest manifest = export(Exporter.Format.parquet);

		// then
		assertThat(manifest.views()).extracting(Manifest.View::view)
			.containsExactlyElementsOf(views.stream().map(MartView::qualifiedName).toList());
		for (Manifest.View view : manifest.views()) {
			long viewRows = count("select count(*) from " + view.view());
			String files = view.files().stream().map((f) -> DuckDb.literal(this.out.resolve(f.path()).toString()))
				.collect(Collectors.joining(", ", "[", "]"));
			assertThat(view.rows()).as(view.view()).isEqualTo(viewRows);
			if (viewRows > 0) {
				assertThat(count("select count(*) from read_parquet(" + files + ")")).as(view.view()).isEqualTo(viewRows);
			}
			for (Manifest.FileEntry file : view.files()) {
				assertThat(Exporter.sha256(this.out.resolve(file.path()))).isEqualTo(file.sha256());
				assertThat(Files.size(this.out.resolve(file.path()))).isEqualTo(file.bytes());
			}
		}
		assertThat(Manifest.read(this.out)).isEqualTo(manifest);
	}

	@Test
	void parquetIsHivePartitionedBySnapshotDateWhereTheViewHasOne() throws Exception {
		// when
		Manifest manifest = export(Exporter.Format.parquet);

		// then
		Map<String, Manifest.View> views = manifest.views().stream()
			.collect(Collectors.toMap(Manifest.View::view, Function.identity()));
		assertThat(views.get("mart.district_talent_totals").partitionedBy()).isEqualTo("snapshot_date");
		assertThat(views.get("mart.district_talent_totals").files()).extracting(Manifest.FileEntry::path)
			.allMatch((p) -> p.matches("district_talent_totals/snapshot_date=\\d{4}-\\d{2}-\\d{2}/[^/]+\\.parquet"));
		assertThat(views.get("mart.reported_vs_computed").partitionedBy()).isNull();
		assertThat(views.get("mart.reported_vs_computed").files()).extracting(Manifest.FileEntry::path)
			.containsExactly("reported_vs_computed.parquet");
		String glob = DuckDb.literal(this.out.resolve("district_talent_totals").toString() + "/**/*.parquet");
		assertThat(count("select count(*) from read_parquet(" + glob + ", hive_partitioning = true)"
				+ " where typeof(snapshot_date) = 'DATE' and talent_total > 0"))
			.isEqualTo(count("select count(*) from mart.district_talent_totals"));
	}

	@Test
	void csvExportIsUtf8WithABomAndOneRowPerViewRow() throws Exception {
		// when
		Manifest manifest = export(Exporter.Format.csv);

		// then
		for (Manifest.View view : manifest.views()) {
			Path file = this.out.resolve(view.files().get(0).path());
			byte[] bytes = Files.readAllBytes(file);
			assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
			List<CSVRecord> records = csv(file);
			assertThat(records.size() - 1).as(view.view()).isEqualTo(view.rows());
			assertThat(view.rows()).as(view.view()).isEqualTo(count("select count(*) from " + view.view()));
		}
		assertThat(new String(Files.readAllBytes(this.out.resolve("district_talent_totals.csv")), StandardCharsets.UTF_8))
			.contains("江津区");
	}

	@Test
	void exportingAgainIntoTheSameFolderReplacesTheViewsFiles() throws Exception {
		// given
		Manifest first = export(Exporter.Format.parquet);

		// when
		Manifest second = export(Exporter.Format.parquet);

		// then
		long parquetFiles;
		try (var walk = Files.walk(this.out)) {
			parquetFiles = walk.filter((p) -> p.toString().endsWith(".parquet")).count();
		}
		assertThat(parquetFiles).isEqualTo(second.views().stream().mapToLong((v) -> v.files().size()).sum());
		// bytes may differ: rows within a Parquet file come in the order DuckDB's threads finish
		assertThat(second.views()).extracting(Manifest.View::view, Manifest.View::rows)
			.isEqualTo(first.views().stream().map((v) -> tuple(v.view(), v.rows())).toList());
		assertThat(second.views()).flatExtracting(Manifest.View::files).extracting(Manifest.FileEntry::path)
			.containsExactlyElementsOf(
					first.views().stream().flatMap((v) -> v.files().stream()).map(Manifest.FileEntry::path).toList());
	}

	static List<CSVRecord> csv(Path file) throws Exception {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			reader.skip(1);
			return CSVFormat.RFC4180.parse(reader).getRecords();
		}
	}

	private Manifest export(Exporter.Format format) throws Exception {
		try (Connection c = DuckDb.openReadOnly(warehouse)) {
			return Exporter.export(c, warehouse, format, this.out);
		}
	}

	private static long count(String sql) throws Exception {
		return Long.parseLong(TestWarehouses.rows(warehouse, sql).get(0).get(0));
	}

}
