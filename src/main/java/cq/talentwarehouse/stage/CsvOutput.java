package cq.talentwarehouse.stage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 output in UTF-8 straight into a byte buffer over a file channel. The staged values are
 * nearly all short ASCII (pseudonyms, codes, digits), which are copied char by char with the quoting
 * check in the same pass; a writer plus a charset encoder cost a third of the staging time at
 * millions of records. Also the spool of a jdbc pull (source.JdbcPull).
 */
public final class CsvOutput implements AutoCloseable {

	private final FileChannel channel;

	private final byte[] buffer;

	private final ByteBuffer wrapped;

	private int size;

	public CsvOutput(FileChannel channel, int capacity) {
		this.channel = channel;
		this.buffer = new byte[capacity];
		this.wrapped = ByteBuffer.wrap(this.buffer);
	}

	/** One cell; null writes nothing (an empty field). */
	public void cell(String value) throws IOException {
		if (value == null) {
			return;
		}
		int length = value.length();
		if (this.size + length > this.buffer.length) {
			flush();
			if (length > this.buffer.length) {
				encoded(value);
				return;
			}
		}
		int at = this.size;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			// one unsigned comparison passes '-' (0x2D) to DEL: digits, letters, '|', '_'; below it lie
			// the four characters that need quotes, above it everything that is not ASCII
			if ((char) (c - 0x2D) >= 0x53 && (c >= 0x80 || c == ',' || c == '"' || c == '\n' || c == '\r')) {
				encoded(value);
				return;
			}
			this.buffer[at++] = (byte) c;
		}
		this.size = at;
	}

	/** Values with non-ASCII text or characters that need quotes. */
	private void encoded(String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		boolean quote = false;
		for (byte b : bytes) {
			if (b == ',' || b == '"' || b == '\n' || b == '\r') {
				quote = true;
				break;
			}
		}
		if (!quote) {
			bytes(bytes);
			return;
		}
		int quotes = 0;
		for (byte b : bytes) {
			if (b == '"') {
				quotes++;
			}
		}
		byte[] quoted = new byte[bytes.length + quotes + 2];
		int at = 0;
		quoted[at++] = '"';
		for (byte b : bytes) {
			if (b == '"') {
				quoted[at++] = '"';
			}
			quoted[at++] = b;
		}
		quoted[at] = '"';
		bytes(quoted);
	}

	private void bytes(byte[] bytes) throws IOException {
		if (this.size + bytes.length > this.buffer.length) {
			flush();
			if (bytes.length > this.buffer.length) {
				this.channel.write(ByteBuffer.wrap(bytes));
				return;
			}
		}
		System.arraycopy(bytes, 0, this.buffer, this.size, bytes.length);
		this.size += bytes.length;
	}

	void number(long value) throws IOException {
		if (this.size + 20 > this.buffer.length) {
			flush();
		}
		if (value < 0) {
			cell(Long.toString(value));
			return;
		}
		int digits = 1;
		for (long v = value; v >= 10; v /= 10) {
			digits++;
		}
		int at = this.size + digits;
		for (long v = value; at > this.size; v /= 10) {
			this.buffer[--at] = (byte) ('0' + (v % 10));
		}
		this.size += digits;
	}

	public void comma() throws IOException {
		ascii((byte) ',');
	}

	public void newline() throws IOException {
		ascii((byte) '\n');
	}

	private void ascii(byte b) throws IOException {
		if (this.size == this.buffer.length) {
			flush();
		}
		this.buffer[this.size++] = b;
	}

	public void row(Iterable<String> values) throws IOException {
		boolean first = true;
		for (String v : values) {
			if (!first) {
				comma();
			}
			cell(v);
			first = false;
		}
		newline();
	}

	public void flush() throws IOException {
		this.wrapped.clear().limit(this.size);
		while (this.wrapped.hasRemaining()) {
			this.channel.write(this.wrapped);
		}
		this.size = 0;
	}

	/** Bytes in the file once the buffer is flushed. */
	long position() throws IOException {
		return this.channel.position() + this.size;
	}

	@Override
	public void close() throws IOException {
		flush();
		this.channel.close();
	}

}
