package cq.talentwarehouse.source;

import java.io.IOException;

/** A record that breaks RFC 4180, with the line it starts on. */
final class MalformedRecordException extends IOException {

	private static final long serialVersionUID = 1L;

	private final long line;

	private final int column;

	MalformedRecordException(long line, int column, String message) {
		super(message);
		this.line = line;
		this.column = column;
	}

	long line() {
		return this.line;
	}

	/** 1-based column of the field that breaks the format. */
	int column() {
		return this.column;
	}

}
