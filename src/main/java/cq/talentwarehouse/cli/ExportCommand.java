package cq.talentwarehouse.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import cq.talentwarehouse.export.Exporter;
import cq.talentwarehouse.export.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
		description = { "Write every mart view for BI tools into DIR, then DIR/manifest.json (files, rows, SHA-256).",
				"Parquet: one folder per view, hive-partitioned by snapshot_date where the view has it, else <view>.parquet.",
				"CSV: <view>.csv in UTF-8 with BOM; text cells starting with = + - @ get a leading ' (numbers are left alone)." })
class ExportCommand implements Callable<Integer> {

	@Mixin
	PublishedWarehouse warehouse;

	@Option(names = "--format", required = true, paramLabel = "parquet|csv", description = "parquet or csv.")
	Exporter.Format format;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if missing).")
	Path out;

	@Override
	public Integer call() throws Exception {
		long t0 = System.nanoTime();
		Manifest manifest;
		try (Connection connection = this.warehouse.openOrExplain(this.out)) {
			if (connection == null) {
				return 1;
			}
			manifest = Exporter.export(connection, this.warehouse.file, this.format, this.out);
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		long bytes = 0;
		int files = 0;
		List<String[]> rows = new ArrayList<>();
		for (Manifest.View view : manifest.views()) {
			long viewBytes = view.files().stream().mapToLong(Manifest.FileEntry::bytes).sum();
			bytes += viewBytes;
			files += view.files().size();
			rows.add(new String[] { view.view(), Long.toString(view.rows()), Integer.toString(view.files().size()),
					Long.toString(viewBytes) });
		}
		Tables.print(List.of("view", "rows", "files", "bytes"), rows, System.out);
		System.out.printf("Exported %d views (%d files, %,d bytes) as %s into %s in %.1f s; manifest: %s%n",
				manifest.views().size(), files, bytes, this.format, this.out.toAbsolutePath(), seconds,
				this.out.resolve(Manifest.FILE_NAME));
		return 0;
	}

}
