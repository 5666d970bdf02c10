package cq.talentwarehouse.stage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.CsvOutput;

/**
 * The distinct values of a staged file's listed columns ({@link SourceKind#listedColumns()}: a roster's
 * category lists, a few hundred in millions of rows), kept in the values file beside it for the build,
 * which reads each such column as an enum of them: a byte or two a row where a string took sixteen
 * and more. The staging writer hands over every accepted row and rewrites the file before each commit
 * that saw a new value, so the file always holds every committed row's values.
 */
final class ListedValues {

	private final Path file;

	private final List<String> columns;

	/** Positions of the listed columns in a record's values. */
	private final int[] positions;

	private final Set<String>[] values;

	/** Whether a column took a value the file does not have yet. */
	private boolean changed;

	@SuppressWarnings("unchecked")
	ListedValues(Path file, SourceKind kind, List<String> header) {
		this.file = file;
		this.columns = kind.listedColumns();
		this.positions = new int[this.columns.size()];
		this.values = new Set[this.columns.size()];
		for (int i = 0; i < this.positions.length; i++) {
			this.positions[i] = header.indexOf(this.columns.get(i)) - 1;
			this.values[i] = new HashSet<>();
		}
	}

	/** An accepted record's values (null or empty for an empty cell, as staged or read back). */
	void add(String[] record) {
		for (int i = 0; i < this.positions.length; i++) {
			String value = record[this.positions[i]];
			if (value != null && !value.isEmpty() && this.values[i].add(value)) {
				this.changed = true;
			}
		}
	}

	void writeIfChanged() throws IOException {
		if (this.changed) {
			write();
		}
	}

	/**
	 * One row per listed column and value, sorted; written whole under a temporary name and renamed, so
	 * a process killed meanwhile leaves the previous file.
	 */
	void write() throws IOException {
		Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
		Files.createDirectories(this.file.getParent());
		try (CsvOutput out = new CsvOutput(FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING), 1 << 12)) {
			out.row(List.of("column_name", "value"));
			for (int i = 0; i < this.positions.length; i++) {
				for (String value : new TreeSet<>(this.values[i])) {
					out.row(List.of(this.columns.get(i), value));
				}
			}
		}
		Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		this.changed = false;
	}

}
