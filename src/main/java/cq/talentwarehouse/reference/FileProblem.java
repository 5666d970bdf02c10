package cq.talentwarehouse.reference;

import java.nio.file.Path;

/** A problem in a pipeline or seed file, printed as {@code file:line: message}. */
public record FileProblem(Path file, int line, String message) {

	@Override
	public String toString() {
		return this.file + ((this.line > 0) ? ":" + this.line : "") + ": " + this.message;
	}

}
