package cq.talentwarehouse.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The mark a working copy prepared ahead of its build carries: a file beside it naming the run and
 * the published file it was copied from. The build takes the mark (deleting it) and uses the copy
 * only when both still match, so a build retried after a failure, a restart in a new process, or a
 * warehouse published by someone else in between all prepare afresh.
 */
final class Preparation {

	private Preparation() {
	}

	static void mark(Path published, Path workingCopy, String runId) throws IOException {
		Files.writeString(stamp(workingCopy), stampText(published, runId), StandardCharsets.UTF_8);
	}

	static void discard(Path workingCopy) throws IOException {
		Files.deleteIfExists(stamp(workingCopy));
	}

	/** True when the working copy was prepared for this run from the published file as it is now. */
	static boolean takeIfCurrent(Path published, Path workingCopy, String runId) throws IOException {
		Path stamp = stamp(workingCopy);
		String marked;
		try {
			marked = Files.readString(stamp, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		Files.delete(stamp);
		// a write-ahead log is the prepared database's own only while this process holds it open
		return marked.equals(stampText(published, runId)) && Files.exists(workingCopy)
				&& (!Files.exists(Path.of(workingCopy + ".wal")) || OpenWorkingCopy.holds(workingCopy));
	}

	private static Path stamp(Path workingCopy) {
		return Path.of(workingCopy + ".prepared");
	}

	private static String stampText(Path published, String runId) throws IOException {
		String source;
		if (Files.exists(published)) {
			BasicFileAttributes attributes = Files.readAttributes(published, BasicFileAttributes.class);
			source = attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.fileKey();
		}
		else {
			source = "none";
		}
		return runId + "\n" + published.toAbsolutePath() + "\n" + source + "\n";
	}

}
