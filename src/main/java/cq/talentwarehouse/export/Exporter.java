package cq.talentwarehouse.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import cq.talentwarehouse.load.DuckDb;

/**
 * Writes every mart view for BI tools into one folder: Parquet (hive-partitioned by
 * {@code snapshot_date} where the view has that column) or CSV (UTF-8 with BOM, formula-safe text),
 * then {@code manifest.json} with each file's rows and SHA-256. A view's previous files in the
 * folder are replaced; nothing else in the folder is touched.
 */
public final class Exporter {

	public enum Format {

		parquet, csv

	}

	/** The column Parquet output is partitioned by, where a view has it. */
	public static final String PARTITION_COLUMN = "snapshot_date";

	private Exporter() {
	}

	/**
	 * @param connection an open (read-only is enough) connection to the warehouse
	 * @param warehouse the warehouse file, recorded in the manifest
	 */
	public static Manifest export(Connection connection, Path warehouse, Format format, Path folder)
			throws SQLException, IOException {
		Files.createDirectories(folder);
		// a stale manifest would vouch for files this export is about to replace
		Files.deleteIfExists(folder.resolve(Manifest.FILE_NAME));
		List<Manifest.View> views = new ArrayList<>();
		for (MartView view : MartViews.list(connection)) {
			long rows = count(connection, "select count(*) from " + view.qualifiedName());
			Manifest.View written = switch (format) {
				case parquet -> parquet(connection, view, rows, folder);
				case csv -> csv(connection, view, rows, folder);
			};
			long fileRows = written.files().stream().mapToLong(Manifest.FileEntry::rows).sum();
			if (fileRows != rows) {
				throw new IllegalStateException(view.qualifiedName() + " has " + rows + " rows but its " + format
						+ " files hold " + fileRows);
			}
			views.add(written);
		}
		Manifest manifest = new Manifest(format.name(), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
				warehouse.toAbsolutePath().toString(), lastRun(connection), List.copyOf(views));
		manifest.write(folder);
		return manifest;
	}

	private static Manifest.View parquet(Connection connection, MartView view, long rows, Path folder)
			throws SQLException, IOException {
		boolean partitioned = view.hasColumn(PARTITION_COLUMN);
		Path target = partitioned ? folder.resolve(view.name()) : folder.resolve(view.name() + ".parquet");
		deleteRecursively(target);
		String options = partitioned
				// the column stays inside the files too, so a tool reading one file still sees the date
				? "format parquet, partition_by (" + identifier(PARTITION_COLUMN) + "), write_partition_columns true"
				: "format parquet";
		try (Statement s = connection.createStatement()) {
			s.execute("copy (select " + parquetColumns(view) + " from " + view.qualifiedName() + ") to "
					+ DuckDb.literal(target.toAbsolutePath().toString()) + " (" + options + ")");
		}
		List<Path> files = new ArrayList<>();
		if (partitioned) {
			if (Files.isDirectory(target)) {
				try (Stream<Path> walk = Files.walk(target)) {
					walk.filter((p) -> p.getFileName().toString().endsWith(".parquet")).forEach(files::add);
				}
			}
		}
		else {
			files.add(target);
		}
		files.sort(Comparator.comparing(Path::toString));
		List<Manifest.FileEntry> entries = new ArrayList<>();
		for (Path file : files) {
			long fileRows = count(connection, "select sum(num_rows) from parquet_file_metadata("
					+ DuckDb.literal(file.toAbsolutePath().toString()) + ")");
			entries.add(entry(folder, file, fileRows));
		}
		return new Manifest.View(view.qualifiedName(), view.description(), rows, partitioned ? PARTITION_COLUMN : null,
				List.copyOf(entries));
	}

	/**
	 * HUGEINT (what DuckDB's sum() returns) has no Parquet type and would arrive as DOUBLE; counts
	 * fit BIGINT, and a value that did not would fail the cast rather than lose digits.
	 */
	private static String parquetColumns(MartView view) {
		StringJoiner columns = new StringJoiner(", ");
		for (MartView.Column c : view.columns()) {
			String name = identifier(c.name());
			columns.add(c.type().equals("HUGEINT") ? "cast(" + name + " as bigint) as " + name : name);
		}
		return columns.toString();
	}

	private static Manifest.View csv(Connection connection, MartView view, long rows, Path folder)
			throws SQLException, IOException {
		Path target = folder.resolve(view.name() + ".csv");
		List<MartView.Column> columns = view.columns();
		long written = 0;
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("select * from " + view.qualifiedName());
				Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8));
				CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
			// Excel takes a file without a BOM for the local code page (GBK on Chinese Windows)
			out.write('\uFEFF');
			printer.printRecord(columns.stream().map(MartView.Column::name).toList());
			List<String> record = new ArrayList<>(columns.size());
			while (rs.next()) {
				record.clear();
				for (int c = 0; c < columns.size(); c++) {
					String value = rs.getString(c + 1);
					record.add(columns.get(c).isText() ? FormulaGuard.neutralise(value) : value);
				}
				printer.printRecord(record);
				written++;
			}
		}
		return new Manifest.View(view.qualifiedName(), view.description(), rows, null,
				List.of(entry(folder, target, written)));
	}

	private static Manifest.FileEntry entry(Path folder, Path file, long rows) throws IOException {
		String relative = folder.toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
		return new Manifest.FileEntry(relative, rows, Files.size(file), sha256(file));
	}

	static String sha256(Path file) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String lastRun(Connection connection) throws SQLException {
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("select run_id from ops.runs order by finished_at desc limit 1")) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static String identifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			walk.sorted(Comparator.reverseOrder()).forEach((p) -> {
				try {
					Files.delete(p);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
