package cq.talentwarehouse.source;

import java.io.IOException;

/**
 * RFC 4180 records of a delimited file, read into reused fields: from decoded text
 * ({@link CsvRecordParser}) or straight from UTF-8 bytes ({@link Utf8RecordParser}).
 */
interface RecordParser extends AutoCloseable {

	/**
	 * Reads the next non-empty record into the reused fields, without copying them out: returns its
	 * number of fields, or -1 at the end of the file.
	 */
	int advance() throws IOException;

	/** Field {@code i} of the record last read by {@link #advance()}. */
	String field(int i);

	/** The record last read by {@link #advance()}, as a new array. */
	String[] record();

	/** Line the record last read starts on. */
	long recordLine();

	/** Line the parser has reached (where a decoding error is). */
	long currentLine();

	/** From the next record on, cells of the columns marked true stay null: no field reads them. */
	void skipColumns(boolean[] unread);

	@Override
	void close() throws IOException;

}
