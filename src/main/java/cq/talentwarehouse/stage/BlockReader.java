package cq.talentwarehouse.stage;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.source.RawRecord;

/**
 * Reads a source's records in blocks of {@link RecordBlock#SIZE}. The source reader underneath
 * keeps its own position, saved at each commit; a commit never falls inside a block, so a restart
 * resumes exactly after the last committed record.
 */
final class BlockReader implements ItemStreamReader<RecordBlock<RawRecord>> {

	private final ItemStreamReader<RawRecord> records;

	private long read;

	BlockReader(ItemStreamReader<RawRecord> records) {
		this.records = records;
	}

	@Override
	public RecordBlock<RawRecord> read() throws Exception {
		List<RawRecord> block = new ArrayList<>(RecordBlock.SIZE);
		RawRecord record;
		while (block.size() < RecordBlock.SIZE && (record = this.records.read()) != null) {
			block.add(record);
		}
		this.read += block.size();
		return block.isEmpty() ? null : new RecordBlock<>(block);
	}

	/** Records read by this step execution (for progress reports). */
	long recordsRead() {
		return this.read;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.records.open(context);
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		this.records.update(context);
	}

	@Override
	public void close() throws ItemStreamException {
		this.records.close();
	}

}
