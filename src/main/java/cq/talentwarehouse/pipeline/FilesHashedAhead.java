package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The landing zone's files hashed while the process starts, for a load that hashes every file
 * anyway (a first load: no published warehouse to reuse hashes from). The JVM and Spring keep about
 * one core of two busy for a second or more before the plan hashes the files; this thread uses the
 * other. The plan ({@link SnapshotFingerprint}) takes a file's digest from here only when the file's
 * size and modification time are still those read before it was hashed, and hashes it itself
 * otherwise; a file neither has started yet is hashed once, by whichever comes first. Once the plan
 * is done ({@link #stop}), nothing more is hashed here.
 */
public final class FilesHashedAhead {

	private static final Logger log = LoggerFactory.getLogger(FilesHashedAhead.class);

	private static final ConcurrentHashMap<Path, Ahead> AHEAD = new ConcurrentHashMap<>();

	private static volatile boolean stopped;

	private record Ahead(long size, FileTime modified, FutureTask<String> sha256) {
	}

	private FilesHashedAhead() {
	}

	/**
	 * Starts hashing the files of {@code landing}'s snapshot folders ({@code <district>/<date>/<file>},
	 * regular files, links not followed) on a daemon thread, which it returns.
	 */
	public static Thread start(Path landing) {
		stopped = false;
		Thread thread = new Thread(() -> hashAll(landing), "landing-hash-ahead");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Nothing more is hashed ahead, and what was is forgotten: the plan has its fingerprints. */
	public static void stop() {
		stopped = true;
		AHEAD.clear();
	}

	private static void hashAll(Path landing) {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(landing, 3)) {
			walk.filter((f) -> landing.relativize(f).getNameCount() == 3 && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
				.forEach(files::add);
		}
		catch (IOException | UncheckedIOException ex) {
			// only the plan's speed depends on it: it hashes what is not here
			log.debug("hashing the landing zone ahead failed: {}", ex.toString());
			return;
		}
		for (Path file : files) {
			if (stopped) {
				return;
			}
			Path key = file.toAbsolutePath().normalize();
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				Ahead ahead = new Ahead(attributes.size(), attributes.lastModifiedTime(),
						new FutureTask<>(() -> SnapshotFingerprint.sha256(file)));
				if (AHEAD.putIfAbsent(key, ahead) == null && !stopped) {
					ahead.sha256().run();
				}
			}
			catch (IOException ex) {
				log.debug("hashing {} ahead failed: {}", file, ex.toString());
			}
		}
	}

	/**
	 * The SHA-256 of {@code file} hashed ahead while its size and modification time were these, or
	 * null when it was not (or has changed since): the caller hashes it.
	 */
	static String take(Path file, long size, FileTime modified) throws IOException {
		if (stopped) {
			return null;
		}
		Ahead ahead = AHEAD.remove(file.toAbsolutePath().normalize());
		if (ahead == null || ahead.size() != size || !ahead.modified().equals(modified)) {
			return null;
		}
		// hashed here when the thread ahead has not begun it (once: a task runs at most once)
		ahead.sha256().run();
		try {
			return ahead.sha256().get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while " + file + " was hashed", ex);
		}
	}

}
