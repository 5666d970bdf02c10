package cq.talentwarehouse.demo;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CSV file the way a district writes it — its charset, delimiter, line ends and BOM — for both
 * generators: RFC 4180 quoting only where a cell needs it, one reused line buffer, and an
 * unmappable character failing the generator rather than becoming '?' in a district file.
 */
final class DistrictCsvFile implements AutoCloseable {

	private final Writer out;

	private final char delimiter;

	private final String lineEnd;

	private final StringBuilder line = new StringBuilder(512);

	private char[] chars = new char[512];

	private int length;

	private long lines;

	DistrictCsvFile(Path file, Charset charset, char delimiter, String lineEnd, boolean bom) throws IOException {
		CharsetEncoder encoder = charset.newEncoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		this.out = new BufferedWriter(
				new OutputStreamWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20), encoder), 1 << 20);
		this.delimiter = delimiter;
		this.lineEnd = lineEnd;
		if (bom) {
			this.out.write('\uFEFF');
		}
	}

	/** The line being built, for a caller that joins its cells itself before {@link #endLine()}. */
	StringBuilder line() {
		return this.line;
	}

	/** Writes cells as one line. */
	void row(String[] cells) throws IOException {
		this.line.setLength(0);
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				this.line.append(this.delimiter);
			}
			appendField(cells[i]);
		}
		endLine();
	}

	private void appendField(String value) {
		if (value == null || value.isEmpty()) {
			return;
		}
		boolean quote = false;
		for (int i = 0; i < value.length() && !quote; i++) {
			char c = value.charAt(i);
			quote = c == this.delimiter || c == '"' || c == '\n' || c == '\r';
		}
		if (!quote) {
			this.line.append(value);
			return;
		}
		this.line.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				this.line.append('"');
			}
			this.line.append(c);
		}
		this.line.append('"');
	}

	/** Writes the line buffer and a line end. */
	void endLine() throws IOException {
		this.line.append(this.lineEnd);
		this.length = this.line.length();
		if (this.chars.length < this.length) {
			this.chars = new char[this.length * 2];
		}
		this.line.getChars(0, this.length, this.chars, 0);
		this.out.write(this.chars, 0, this.length);
		this.lines++;
	}

	/** The last line again, byte for byte. */
	void repeat() throws IOException {
		this.out.write(this.chars, 0, this.length);
		this.lines++;
	}

	/** Lines written, the header included. */
	long lines() {
		return this.lines;
	}

	@Override
	public void close() throws IOException {
		this.out.close();
	}

}
