package cq.talentwarehouse.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/**
 * Streams a delimited district file record by record: decodes its charset strictly (a byte that is
 * not valid in the declared encoding fails the source rather than turning into a replacement
 * character), honours a BOM, finds each canonical field's column by its header synonyms, and saves
 * its position so a restarted step resumes after the last committed record.
 */
public class DelimitedSourceReader implements ItemStreamReader<RawRecord> {

	/** Execution-context key of the records read so far; every reader saves its position under it. */
	public static final String READ_COUNT = "records.read";

	/** Execution-context keys of how far through its file a reader is, for progress reports. */
	public static final String BYTES_READ = "source.bytes.read";

	public static final String BYTES_TOTAL = "source.bytes.total";

	private CountingInputStream counted;

	private long fileSize;

	/** Counts the bytes the decoder has taken from the file (read ahead by at most one buffer). */
	private static final class CountingInputStream extends java.io.FilterInputStream {

		private long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

	}

	private final Path file;

	private final SourceKind kind;

	private final SourceDefinition definition;

	private CsvRecordParser parser;

	/** The file's header row, to name the column of a malformed field. */
	private String[] header;

	private int[] columnByField;

	private long recordsRead;

	private final int maxFieldChars;

	public DelimitedSourceReader(Path file, SourceKind kind, SourceDefinition definition) {
		this(file, kind, definition, SizeLimits.DEFAULT);
	}

	public DelimitedSourceReader(Path file, SourceKind kind, SourceDefinition definition, SizeLimits limits) {
		this.file = file;
		this.kind = kind;
		this.definition = definition;
		this.maxFieldChars = limits.maxFieldChars();
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		Charset charset;
		try {
			charset = Charset.forName(this.definition.encodingOrDefault());
		}
		catch (RuntimeException ex) {
			throw new SourceException(this.file + ": unknown encoding '" + this.definition.encoding() + "'");
		}
		try {
			this.parser = new CsvRecordParser(openReader(charset), this.definition.delimiterOrDefault(), this.maxFieldChars);
			String[] header = next();
			this.header = header;
			if (header == null) {
				throw new SourceException(this.file + ": the file is empty (no header row)");
			}
			this.columnByField = HeaderMatcher.columns(java.util.Arrays.asList(header), this.kind, this.definition,
					this.file.toString(), "the header has");
			// columns no field maps (a row number, a gender) are never made into strings
			boolean[] unread = new boolean[header.length];
			java.util.Arrays.fill(unread, true);
			for (int column : this.columnByField) {
				if (column >= 0 && column < unread.length) {
					unread[column] = false;
				}
			}
			this.parser.skipColumns(unread);
			long resumeAfter = context.getLong(READ_COUNT, 0L);
			if (resumeAfter == 0 && !hasRecords()) {
				throw new SourceException(this.file + ": the file has a header but no records");
			}
			while (this.recordsRead < resumeAfter && read() != null) {
				// skip what an earlier attempt already committed
			}
		}
		catch (NoSuchFileException ex) {
			throw new SourceException(this.file + ": file not found in the snapshot folder");
		}
		catch (IOException ex) {
			throw new SourceException(this.file + ": cannot read (" + ex.getMessage() + ")", ex);
		}
	}

	private Reader openReader(Charset declared) throws IOException {
		this.fileSize = Files.size(this.file);
		this.counted = new CountingInputStream(Files.newInputStream(this.file));
		InputStream in = new BufferedInputStream(this.counted, 1 << 16);
		in.mark(4);
		byte[] bom = in.readNBytes(3);
		Charset charset = declared;
		if (bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF) {
			charset = StandardCharsets.UTF_8;
		}
		else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFF && (bom[1] & 0xFF) == 0xFE) {
			in.reset();
			in.skip(2);
			charset = StandardCharsets.UTF_16LE;
		}
		else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFE && (bom[1] & 0xFF) == 0xFF) {
			in.reset();
			in.skip(2);
			charset = StandardCharsets.UTF_16BE;
		}
		else {
			in.reset();
		}
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new InputStreamReader(in, decoder);
	}

	/** The header: the first record of the file, or null for an empty file. */
	private String[] next() {
		return (advance() < 0) ? null : this.parser.record();
	}

	/**
	 * Reads the next record into the parser's fields; returns their number, or -1 at the end of the
	 * file. A decoding or quoting error fails the source.
	 */
	private int advance() {
		try {
			return this.parser.advance();
		}
		catch (MalformedRecordException ex) {
			String column = (this.header != null && ex.column() >= 1 && ex.column() <= this.header.length)
					? "column " + ex.column() + " (" + this.header[ex.column() - 1] + ")" : "column " + ex.column();
			throw new SourceException(this.file + ": line " + ex.line() + ", " + column + ": " + ex.getMessage(), ex);
		}
		catch (CharacterCodingException ex) {
			throw new SourceException(this.file + ": line " + this.parser.currentLine() + " is not valid "
					+ this.definition.encodingOrDefault() + "; the file is in another encoding — set 'encoding' in the"
					+ " pipeline (UTF-8, GB18030, GBK)", ex);
		}
		catch (IOException ex) {
			throw new SourceException(this.file + ": line " + this.parser.currentLine() + ": " + ex.getMessage(), ex);
		}
	}

	/** Whether a record follows the header; it stays in the parser for the first {@link #read()}. */
	private boolean hasRecords() {
		this.pending = advance();
		return this.pending >= 0;
	}

	/** Fields of a record read ahead by {@link #hasRecords()} and not yet returned, or -1. */
	private int pending = -1;

	@Override
	public RawRecord read() {
		int size = this.pending;
		if (size >= 0) {
			this.pending = -1;
		}
		else {
			size = advance();
			if (size < 0) {
				return null;
			}
		}
		long line = this.parser.recordLine();
		String[] values = new String[this.columnByField.length];
		for (int f = 0; f < values.length; f++) {
			int column = this.columnByField[f];
			if (column >= 0 && column < size) {
				values[f] = this.parser.field(column);
			}
		}
		this.recordsRead++;
		return new RawRecord(line, values);
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(READ_COUNT, this.recordsRead);
		if (this.counted != null) {
			context.putLong(BYTES_READ, this.counted.count);
			context.putLong(BYTES_TOTAL, this.fileSize);
		}
	}

	@Override
	public void close() {
		if (this.parser != null) {
			try {
				this.parser.close();
			}
			catch (IOException ex) {
				// closing a file we only read cannot lose data
			}
			this.parser = null;
		}
	}

	public long recordsRead() {
		return this.recordsRead;
	}

}
