package cq.talentwarehouse.run;

import java.nio.file.FileSystemException;

import cq.talentwarehouse.source.SourceException;

/** One sentence for a failure that stopped a whole run, naming the path when the disk is full. */
public final class RunFailures {

	private RunFailures() {
	}

	static String describe(Throwable failure) {
		if (failure instanceof OutOfMemoryError) {
			return "the run ran out of memory (" + failure.getMessage() + ")";
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			if (root instanceof FileSystemException) {
				break;
			}
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		if (root instanceof FileSystemException fs && fs.getFile() != null && isDiskFull(message)) {
			return "out of disk space writing " + fs.getFile() + "; the partial working copy was removed (free space and"
					+ " run again, or resume with restart)";
		}
		if (isDiskFull(message)) {
			return "out of disk space: " + message + "; the partial working copy was removed (free space and run again,"
					+ " or resume with restart)";
		}
		return message;
	}

	/**
	 * The innermost message of a failure (a source's own message when one is in the chain): the line a
	 * run's report, its alert and a command it was handed by all give.
	 */
	public static String rootMessage(Throwable t) {
		Throwable cause = t;
		while (cause.getCause() != null && !(cause instanceof SourceException) && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	static boolean isDiskFull(String message) {
		return message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded")
				|| message.contains("not enough space"));
	}

}
