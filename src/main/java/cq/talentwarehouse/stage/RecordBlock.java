package cq.talentwarehouse.stage;

import java.util.List;

/**
 * Consecutive records of one source, the item a stage step reads, processes and writes. Spring
 * Batch spends about a microsecond on each item (an observation, two JFR events, listener calls);
 * on a single record that was as much as reading and normalizing it, on a block of a few hundred
 * it is nothing. Commits and restarts still fall on record counts: a chunk is whole blocks.
 *
 * @param records the records, in file order
 * @param <T> raw or staged records
 */
public record RecordBlock<T>(List<T> records) {

	/** Records per block; a chunk holds {@code chunkSize / SIZE} blocks (at least one). */
	public static final int SIZE = 500;

	/** Blocks per chunk for a chunk size given in records. */
	public static int blocksPerChunk(int chunkSize) {
		return Math.max(1, chunkSize / SIZE);
	}

}
