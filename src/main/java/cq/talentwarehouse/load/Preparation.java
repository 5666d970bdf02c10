package cq.talentwarehouse.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cq.talentwarehouse.reference.Seeds;

/**
 * The mark a working copy prepared ahead of its build carries: a file beside it naming the run and
 * the published file it was copied from. The build takes the mark (deleting it) and uses the copy
 * only when both still match, so a build retried after a failure, a restart in a new process, or a
 * warehouse published by someone else in between all prepare afresh.
 */
final class Preparation {

	/** Free space beyond twice the published file that preparing the working copy ahead asks for. */
	static final long ROOM_AHEAD = 256L << 20;

	private static final Logger log = LoggerFactory.getLogger(Preparation.class);

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

	/**
	 * What a copy prepared between runs is marked for instead of a run: any run that starts on the
	 * published file as it was then with the same seeds (which a run copies when it starts, so an
	 * operator's edit in between makes the copy stale).
	 */
	static String betweenRuns(Path seedsFolder) {
		return "between runs, seeds " + Seeds.at(seedsFolder).sha256();
	}

	/**
	 * Gives {@code runId} the copy prepared between runs when this process holds its database, the
	 * published file is as it was then and the run's seeds are the ones loaded into it: the run then
	 * builds on it as on a copy prepared for it.
	 */
	static boolean takeBetweenRuns(Path published, Path workingCopy, Path runSeeds, String runId) throws IOException {
		String marked;
		try {
			marked = Files.readString(stamp(workingCopy), StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		// only while this process holds it: a copy another process (another version) prepared and closed
		// carries that version's schema
		if (!marked.startsWith("between runs, ") || !OpenWorkingCopy.holds(workingCopy)
				|| !marked.equals(stampText(published, betweenRuns(runSeeds)))) {
			return false;
		}
		mark(published, workingCopy, runId);
		return true;
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

	/**
	 * Whether the disk holding the working copy has room for it to be copied ahead: twice the
	 * published file and {@link #ROOM_AHEAD} more, the copy and what the build adds to it. On a fuller
	 * disk a copy made while districts still stage could fill it under their job repository, and they
	 * would fail on a closed database instead of the build failing on the copy, naming the disk.
	 */
	static boolean hasRoomAhead(Path published, Path workingCopy) {
		try {
			Path existing = workingCopy.toAbsolutePath();
			while (existing != null && !Files.exists(existing)) {
				existing = existing.getParent();
			}
			if (existing == null) {
				return false;
			}
			long needed = 2 * (Files.isRegularFile(published) ? Files.size(published) : 0) + ROOM_AHEAD;
			long usable = Files.getFileStore(existing).getUsableSpace();
			if (usable < needed) {
				log.debug("the working copy is left to the build: {} MB free beside it, {} MB wanted to prepare it ahead",
						usable >> 20, needed >> 20);
				return false;
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			log.debug("the working copy is left to the build: the free space beside it is unknown ({})", ex.toString());
			return false;
		}
	}

}
