package cq.talentwarehouse.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import cq.talentwarehouse.normalize.QuarantineRule;
import cq.talentwarehouse.normalize.StagedRecord;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.CsvOutput;

/**
 * Writes accepted records to the staging file and quarantined ones to the quarantine file, and
 * quarantines a record whose duplicate key ({@link SourceKind#duplicateKey()}) an earlier record of
 * the snapshot already had. Like Spring Batch's flat-file writer it remembers, at each commit, how
 * many bytes each file held, and a restarted step truncates back to that point and re-reads the keys
 * written before it: nothing is written twice, and a duplicate is still caught across the restart.
 * A roster's rows end with {@code is_named_again} (true when the run's claims, {@link LoadPeople},
 * had the person from another row already) and {@code person_key} (the number of the person's claim);
 * both empty when the run claims nothing.
 * The distinct values of its listed columns go to the values file beside it ({@link ListedValues}).
 */
public class StagingWriter implements ItemStreamWriter<RecordBlock<StagedRecord>> {

	static final String ACCEPTED_BYTES = "staging.accepted.bytes";

	static final String QUARANTINE_BYTES = "staging.quarantine.bytes";

	static final String ACCEPTED = "staging.accepted";

	static final String QUARANTINED = "staging.quarantined";

	static final String RULE_PREFIX = "staging.rule.";

	private final Path acceptedFile;

	private final Path quarantineFile;

	private final List<String> header;

	private final SourceKind kind;

	/** Positions of the duplicate key's columns in a record's values (after {@code line}). */
	private final int[] keyColumns;

	private final SeenKeys seen;

	/** The run's claims of people, for a roster staged within a run; null otherwise. */
	private final LoadPeople people;

	/** Whether the staged file ends with is_named_again and person_key (a roster's). */
	private final boolean flagsPeople;

	private final ListedValues listed;

	private FileChannel acceptedChannel;

	private FileChannel quarantineChannel;

	private CsvOutput accepted;

	private CsvOutput quarantine;

	private long acceptedCount;

	private long quarantinedCount;

	private final Map<String, Long> rules = new TreeMap<>();

	public StagingWriter(Path acceptedFile, Path quarantineFile, Path valuesFile, SourceKind kind) {
		this(acceptedFile, quarantineFile, valuesFile, kind, null);
	}

	StagingWriter(Path acceptedFile, Path quarantineFile, Path valuesFile, SourceKind kind, LoadPeople people) {
		this.acceptedFile = acceptedFile;
		this.quarantineFile = quarantineFile;
		this.kind = kind;
		this.header = kind.stagedColumns();
		this.flagsPeople = kind.stagedFileColumns().size() > this.header.size();
		this.people = this.flagsPeople ? people : null;
		List<String> key = kind.duplicateKey();
		this.keyColumns = new int[key.size()];
		for (int i = 0; i < key.size(); i++) {
			this.keyColumns[i] = this.header.indexOf(key.get(i)) - 1;
		}
		this.seen = SeenKeys.forColumns(key);
		this.listed = new ListedValues(valuesFile, kind, this.header);
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		try {
			boolean restart = context.containsKey(ACCEPTED_BYTES);
			this.acceptedChannel = openChannel(this.acceptedFile, restart ? context.getLong(ACCEPTED_BYTES) : -1);
			this.quarantineChannel = openChannel(this.quarantineFile, restart ? context.getLong(QUARANTINE_BYTES) : -1);
			this.accepted = new CsvOutput(this.acceptedChannel, 1 << 16);
			this.quarantine = new CsvOutput(this.quarantineChannel, 1 << 14);
			if (restart) {
				rememberKeysWritten();
				this.acceptedCount = context.getLong(ACCEPTED);
				this.quarantinedCount = context.getLong(QUARANTINED);
				for (Map.Entry<String, Object> e : context.entrySet()) {
					if (e.getKey().startsWith(RULE_PREFIX)) {
						this.rules.put(e.getKey().substring(RULE_PREFIX.length()), ((Number) e.getValue()).longValue());
					}
				}
			}
			else {
				this.accepted.row(this.kind.stagedFileColumns());
				this.quarantine.row(List.of("line", "field", "rule", "raw_value"));
			}
			this.listed.write();
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot open staging file " + this.acceptedFile, ex);
		}
	}

	private static FileChannel openChannel(Path file, long truncateTo) throws IOException {
		Files.createDirectories(file.getParent());
		FileChannel channel;
		if (truncateTo < 0) {
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING);
		}
		else {
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			channel.truncate(truncateTo);
			channel.position(truncateTo);
		}
		return channel;
	}

	@Override
	public void write(Chunk<? extends RecordBlock<StagedRecord>> chunk) throws IOException {
		for (RecordBlock<StagedRecord> block : chunk) {
			write(block.records());
		}
	}

	private void write(List<StagedRecord> records) throws IOException {
		String[] keys = new String[records.size()];
		long[] highs = new long[keys.length];
		long[] lows = new long[keys.length];
		for (int i = 0; i < keys.length; i++) {
			StagedRecord record = records.get(i);
			keys[i] = record.isAccepted() ? key(record.values()) : null;
			highs[i] = record.personHigh();
			lows[i] = record.personLow();
		}
		boolean[] added = this.seen.addAll(keys, highs, lows);
		int[] claims = null;
		if (this.people != null) {
			boolean[] keyed = new boolean[keys.length];
			for (int i = 0; i < keys.length; i++) {
				keyed[i] = keys[i] != null && added[i];
			}
			claims = this.people.claim(keyed, highs, lows);
		}
		for (int i = 0; i < keys.length; i++) {
			StagedRecord record = records.get(i);
			if (keys[i] != null && !added[i]) {
				String shown = record.duplicateShownAs();
				record = StagedRecord.quarantined(record.line(), QuarantineRule.DUPLICATE, this.kind.duplicateField(),
						(shown != null) ? shown : key(record.values()).replace('\0', ' '));
			}
			if (record.isAccepted()) {
				CsvOutput out = this.accepted;
				out.number(record.line());
				String[] values = record.values();
				for (String value : values) {
					out.comma();
					out.cell(value);
				}
				this.listed.add(values);
				if (this.flagsPeople) {
					int claim = (claims != null) ? claims[i] : 0;
					out.comma();
					if (claim < 0) {
						out.cell("true");
					}
					out.comma();
					if (claim != 0) {
						out.number(Math.abs(claim));
					}
				}
				out.newline();
				this.acceptedCount++;
			}
			else {
				CsvOutput out = this.quarantine;
				out.number(record.line());
				out.comma();
				out.cell(record.field());
				out.comma();
				out.cell(record.rule().key());
				out.comma();
				out.cell(record.rawValue());
				out.newline();
				this.quarantinedCount++;
				this.rules.merge(record.rule().key(), 1L, Long::sum);
			}
		}
	}

	private String key(String[] values) {
		if (this.keyColumns.length == 1) {
			String value = values[this.keyColumns[0]];
			return (value == null) ? "" : value;
		}
		StringBuilder key = new StringBuilder();
		for (int i = 0; i < this.keyColumns.length; i++) {
			String value = values[this.keyColumns[i]];
			key.append(i > 0 ? "\0" : "").append((value == null) ? "" : value);
		}
		return key.toString();
	}

	/**
	 * After a restart: the keys and listed values of the records the earlier attempt committed, read
	 * back from its file (already cut back to the last commit).
	 */
	private void rememberKeysWritten() throws IOException {
		try (var reader = java.nio.file.Files.newBufferedReader(this.acceptedFile, java.nio.charset.StandardCharsets.UTF_8);
				var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder()
					.setHeader()
					.setSkipHeaderRecord(true)
					.get()
					.parse(reader)) {
			String[] values = new String[this.header.size() - 1];
			for (var row : parser) {
				for (int i = 0; i < values.length; i++) {
					values[i] = row.get(i + 1);
				}
				this.seen.add(key(values));
				this.listed.add(values);
			}
		}
	}

	@Override
	public void update(ExecutionContext context) {
		try {
			this.accepted.flush();
			this.quarantine.flush();
			this.listed.writeIfChanged();
			context.putLong(ACCEPTED_BYTES, this.accepted.position());
			context.putLong(QUARANTINE_BYTES, this.quarantine.position());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot flush staging file " + this.acceptedFile + " or its values file", ex);
		}
		context.putLong(ACCEPTED, this.acceptedCount);
		context.putLong(QUARANTINED, this.quarantinedCount);
		this.rules.forEach((rule, n) -> context.putLong(RULE_PREFIX + rule, n));
	}

	@Override
	public void close() {
		try {
			if (this.accepted != null) {
				this.accepted.close();
			}
			if (this.quarantine != null) {
				this.quarantine.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot close staging file " + this.acceptedFile, ex);
		}
		finally {
			this.accepted = null;
			this.quarantine = null;
		}
	}

	public long acceptedCount() {
		return this.acceptedCount;
	}

	public long quarantinedCount() {
		return this.quarantinedCount;
	}

	public Map<String, Long> rules() {
		return Map.copyOf(this.rules);
	}

}
