package cq.talentwarehouse.publish;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a tested working copy by renaming it over the published file. The rename is atomic:
 * a reader opening the warehouse sees the old file or the new one, never a half-written one, and a
 * reader that already has the old file open keeps reading it undisturbed (its inode lives on).
 * <p>
 * The replaced file is given a second name beside the working copy first, so that the rename only
 * drops a name and the file's blocks are freed afterwards, on a thread of its own: freeing a city
 * warehouse's blocks is most of what renaming over it costs, on the path a night's publish waits for.
 */
public final class Publisher {

	private static final Logger log = LoggerFactory.getLogger(Publisher.class);

	/** Suffix of the replaced file's second name, beside the working copy until its blocks are freed. */
	static final String REPLACED_SUFFIX = ".replaced";

	/** Removals under way: a command that ends (System.exit) waits for them, so no second name outlives it. */
	private static final Set<Thread> REMOVING = ConcurrentHashMap.newKeySet();

	/** The JVM's shutdown hook that waits for them (a `run` ends with System.exit). */
	static final Thread EXIT_WAIT = new Thread(Publisher::awaitRemovals, "published-removal-wait");

	static {
		Runtime.getRuntime().addShutdownHook(EXIT_WAIT);
	}

	private Publisher() {
	}

	/**
	 * Renames {@code workingCopy} over {@code published}; the returned future completes once the file
	 * it replaced (if any) is removed. A replaced file left by a publish that was killed before it
	 * removed it is removed first.
	 */
	public static CompletableFuture<Void> publish(Path workingCopy, Path published) throws IOException {
		Path target = published.toAbsolutePath();
		Files.createDirectories(target.getParent());
		Path wal = Path.of(workingCopy + ".wal");
		if (Files.exists(wal)) {
			throw new IOException(workingCopy + " still has a write-ahead log; it was not checkpointed and closed");
		}
		Path replaced = replacedName(workingCopy, target);
		Files.deleteIfExists(replaced);
		boolean linked = Files.isRegularFile(target) && secondName(replaced, target);
		try {
			Files.move(workingCopy, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.deleteIfExists(replaced);
			throw new IOException("the working copy " + workingCopy + " and the warehouse " + target
					+ " must be on the same file system for an atomic publish", ex);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(replaced);
			throw ex;
		}
		return linked ? removeInBackground(replaced) : CompletableFuture.completedFuture(null);
	}

	/** Where the file {@code published} replaces keeps a name until it is removed: beside the working copy. */
	static Path replacedName(Path workingCopy, Path published) {
		return workingCopy.toAbsolutePath().resolveSibling(published.getFileName() + REPLACED_SUFFIX);
	}

	/** A hard link {@code link} to {@code existing}; false where the file system has none (the rename then frees the blocks). */
	private static boolean secondName(Path link, Path existing) {
		try {
			Files.createLink(link, existing);
			return true;
		}
		catch (UnsupportedOperationException | IOException ex) {
			log.debug("no second name for {} ({}); the publish frees its blocks itself", existing, ex.toString());
			return false;
		}
	}

	private static CompletableFuture<Void> removeInBackground(Path replaced) {
		return inBackground(() -> Files.deleteIfExists(replaced),
				// the next publish removes it before it links its own
				(ex) -> log.debug("the replaced warehouse {} stays until the next publish: {}", replaced, ex.toString()));
	}

	/**
	 * Deletes what is in {@code folder} (not the folder itself: a caller may be moving the next thing
	 * into it) on a thread of its own, as the replaced warehouse is: what a published run leaves
	 * behind is moved there at once and its blocks freed off the night's path. A command that ends
	 * waits for it; what a killed process left there goes with the next call.
	 */
	public static CompletableFuture<Void> emptyInBackground(Path folder) {
		if (!Files.isDirectory(folder)) {
			return CompletableFuture.completedFuture(null);
		}
		return inBackground(() -> {
			if (!Files.isDirectory(folder)) {
				return;
			}
			List<Path> entries;
			try (Stream<Path> list = Files.list(folder)) {
				entries = list.toList();
			}
			for (Path entry : entries) {
				deleteTree(entry);
			}
		}, (ex) -> log.warn("Could not delete what is in {} (a published run's staged files): it stays until the next"
				+ " run empties it: {}", folder, ex.toString()));
	}

	/** Deletes {@code tree}, a file or a folder with everything in it; nothing when it does not exist. */
	public static void deleteTree(Path tree) throws IOException {
		if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(tree)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	/** A removal that may fail with an I/O error. */
	@FunctionalInterface
	private interface Removal {

		void run() throws IOException;

	}

	private static CompletableFuture<Void> inBackground(Removal removal, Consumer<Exception> whenFailed) {
		CompletableFuture<Void> removed = new CompletableFuture<>();
		Thread remover = new Thread(() -> {
			try {
				removal.run();
				removed.complete(null);
			}
			catch (IOException | RuntimeException ex) {
				whenFailed.accept(ex);
				removed.completeExceptionally(ex);
			}
		}, "published-removal");
		// a long-lived schedule never waits for it; a command that ends waits in its shutdown hook
		remover.setDaemon(true);
		REMOVING.add(remover);
		removed.whenComplete((done, failed) -> REMOVING.remove(remover));
		remover.start();
		return removed;
	}

	/**
	 * Returns once the removals under way have ended (at most 30 s each): the exit's wait, and a
	 * caller that copies a folder a run of this process just published into.
	 */
	public static void awaitRemovals() {
		for (Thread remover : REMOVING) {
			try {
				remover.join(TimeUnit.SECONDS.toMillis(30));
			}
			catch (InterruptedException ex) {
				// the next publish removes what is left
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
