package cq.talentwarehouse.source;

import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/**
 * Reads the rows a {@link JdbcPull} spooled for one snapshot (UTF-8 CSV, the database's column
 * labels as header) with the same header matching as every delimited file; messages name the data
 * source and table or query, not the spool. A source with no rows on the snapshot's date reads
 * nothing.
 */
public class JdbcSpoolReader implements ItemStreamReader<RawRecord> {

	private final Path snapshotFolder;

	private final SourceKind kind;

	private final SourceDefinition definition;

	private final SizeLimits limits;

	private DelimitedSourceReader rows;

	public JdbcSpoolReader(Path snapshotFolder, SourceKind kind, SourceDefinition definition, SizeLimits limits) {
		this.snapshotFolder = snapshotFolder;
		this.kind = kind;
		// the spool is always UTF-8 with commas, whatever a pipeline says
		this.definition = definition;
		this.limits = limits;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		long spooled = JdbcPull.spooledRows(this.snapshotFolder, this.kind);
		if (spooled < 0) {
			throw new SourceException(JdbcPull.describe(this.definition) + ": no finished pull for this snapshot in "
					+ this.snapshotFolder + "; run again to pull it");
		}
		if (spooled == 0) {
			return;
		}
		this.rows = new DelimitedSourceReader(JdbcPull.rowsFile(this.snapshotFolder, this.kind), this.kind,
				this.definition, this.limits);
		guarded(() -> this.rows.open(context));
	}

	@Override
	public RawRecord read() {
		if (this.rows == null) {
			return null;
		}
		RawRecord[] record = new RawRecord[1];
		guarded(() -> record[0] = this.rows.read());
		return record[0];
	}

	/** A spool problem (a mapped column the query does not return) named by the data source. */
	private void guarded(Runnable action) {
		try {
			action.run();
		}
		catch (SourceException ex) {
			String spool = JdbcPull.rowsFile(this.snapshotFolder, this.kind).toString();
			throw new SourceException(ex.getMessage().replace(spool, JdbcPull.describe(this.definition))
				.replace("the header has", "the table or query returns"), ex);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.rows != null) {
			this.rows.update(context);
		}
	}

	@Override
	public void close() {
		if (this.rows != null) {
			this.rows.close();
		}
	}

	public long recordsRead() {
		return (this.rows != null) ? this.rows.recordsRead() : 0;
	}

}
