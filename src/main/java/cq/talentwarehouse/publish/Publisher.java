package cq.talentwarehouse.publish;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Publishes a tested working copy by renaming it over the published file. The rename is atomic:
 * a reader opening the warehouse sees the old file or the new one, never a half-written one, and a
 * reader that already has the old file open keeps reading it undisturbed (its inode lives on).
 */
public final class Publisher {

	private Publisher() {
	}

	public static void publish(Path workingCopy, Path published) throws IOException {
		Path target = published.toAbsolutePath();
		Files.createDirectories(target.getParent());
		Path wal = Path.of(workingCopy + ".wal");
		if (Files.exists(wal)) {
			throw new IOException(workingCopy + " still has a write-ahead log; it was not checkpointed and closed");
		}
		try {
			Files.move(workingCopy, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("the working copy " + workingCopy + " and the warehouse " + target
					+ " must be on the same file system for an atomic publish", ex);
		}
	}

}
