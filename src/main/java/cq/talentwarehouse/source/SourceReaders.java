package cq.talentwarehouse.source;

import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/** The reader a source's {@code format} calls for; the only place that knows which exist. */
public final class SourceReaders {

	private SourceReaders() {
	}

	/**
	 * @param snapshotFolder the folder of the district snapshot the source's files are in
	 * @param spool a folder of the run's own where an HTTP source keeps the pages it fetched; not
	 * created unless needed
	 */
	public static ItemStreamReader<RawRecord> create(Path snapshotFolder, Path spool, SourceKind kind,
			SourceDefinition source) {
		return create(snapshotFolder, spool, kind, source, SizeLimits.DEFAULT);
	}

	public static ItemStreamReader<RawRecord> create(Path snapshotFolder, Path spool, SourceKind kind,
			SourceDefinition source, SizeLimits limits) {
		return switch (source.formatOrDefault()) {
			case "xlsx" -> new XlsxSourceReader(snapshotFolder.resolve(source.file()), kind, source);
			case "json" -> source.isHttp() ? new HttpPagedJsonReader(spool, kind, source)
					: JsonSourceReader.files(snapshotFolder, kind, source);
			// pulled into the run's staging before the step (LoadRun), so the snapshot folder holds the spool
			case "jdbc" -> new JdbcSpoolReader(snapshotFolder, kind, source, limits);
			case "csv" -> new DelimitedSourceReader(snapshotFolder.resolve(source.file()), kind, source, limits);
			default -> throw new SourceException(SourceLocation.describe(snapshotFolder, source) + ": unsupported format '"
					+ source.format() + "' (supported: " + String.join(", ", SourceDefinition.FORMATS.stream().sorted().toList())
					+ ")");
		};
	}

}
