package cq.talentwarehouse.schedule;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A run's two output streams as lines on one connection, each sent when it ends (a line longer
 * than the client reads goes in pieces); a client gone away ends the lines, not the run.
 */
final class HandedRunLines {

	private final OutputStream out;

	private boolean broken;

	HandedRunLines(OutputStream out) {
		this.out = out;
	}

	PrintStream stream(byte kind, byte pieceKind) {
		OutputStream lines = new OutputStream() {

			private final byte[] pending = new byte[RunHandoff.MAX_LINE - 1];

			private int length;

			@Override
			public void write(int b) {
				if (b == '\n') {
					send(kind, this.pending, this.length);
					this.length = 0;
					return;
				}
				if (this.length == this.pending.length) {
					send(pieceKind, this.pending, this.length);
					this.length = 0;
				}
				this.pending[this.length++] = (byte) b;
			}

			@Override
			public void write(byte[] bytes, int offset, int count) {
				for (int i = offset; i < offset + count; i++) {
					write(bytes[i]);
				}
			}

			@Override
			public void close() {
				if (this.length > 0) {
					send(pieceKind, this.pending, this.length);
					this.length = 0;
				}
			}

		};
		return new PrintStream(lines, true, StandardCharsets.UTF_8);
	}

	synchronized void send(byte kind, byte[] bytes, int length) {
		if (this.broken) {
			return;
		}
		try {
			this.out.write(kind);
			this.out.write(bytes, 0, length);
			this.out.write('\n');
			this.out.flush();
		}
		catch (IOException ex) {
			this.broken = true;
		}
	}

	/** One line of {@code kind}; a line end inside {@code text} would start a line of another kind. */
	static void line(OutputStream out, byte kind, String text) throws IOException {
		out.write(kind);
		out.write(text.replace('\n', ' ').getBytes(StandardCharsets.UTF_8));
		out.write('\n');
	}

	synchronized void exit(int exit) throws IOException {
		if (this.broken) {
			return;
		}
		line(this.out, RunHandoff.EXIT, Integer.toString(exit));
		this.out.flush();
	}

}
