package cq.talentwarehouse.source;

import java.nio.file.Path;

import cq.talentwarehouse.pipeline.SourceDefinition;

/** Where a source's records come from, as ops.source_counts and operator messages name it. */
public final class SourceLocation {

	private SourceLocation() {
	}

	/**
	 * The API's URL for an HTTP source, else the file in the snapshot folder (for downloaded JSON
	 * pages, the folder and the pattern naming them).
	 */
	public static String describe(Path snapshotFolder, SourceDefinition source) {
		if (source.isJdbc()) {
			return JdbcPull.describe(source);
		}
		if (source.isHttp()) {
			return source.url();
		}
		return snapshotFolder.resolve(source.file()).toString();
	}

}
