package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;

/**
 * One load at a time across processes: an OS file lock on {@code warehouse/run.lock}. The kernel
 * drops the lock when its process dies, so a killed run never blocks the next one; the file's text
 * (pid, start) only serves the refusal message.
 */
public final class RunLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private RunLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** The lock, or an exception whose message says which process holds it since when. */
	public static RunLock acquire(Path file) throws IOException, RunInProgressException {
		return acquire(file, null);
	}

	/** {@link #acquire(Path)} for other work than a load ({@code doing}), which a refused run's message names. */
	public static RunLock acquire(Path file, String doing) throws IOException, RunInProgressException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
			channel.close();
			throw new RunInProgressException("A run is in progress (" + (holder.isEmpty() ? "holder unknown" : holder)
					+ "); not starting another. Try again when it has finished.");
		}
		channel.truncate(0);
		channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + LocalDateTime.now()
				.withNano(0) + ((doing != null) ? ", " + doing : "")).getBytes(StandardCharsets.UTF_8)), 0);
		channel.force(true);
		return new RunLock(channel, lock);
	}

	/**
	 * Refuses at once, before anything heavy starts, when another process holds the lock; the
	 * load itself takes the lock for real.
	 */
	public static void checkFree(Path file) throws IOException, RunInProgressException {
		if (Files.exists(file)) {
			acquire(file).close();
		}
	}

	@Override
	public void close() throws IOException {
		this.channel.truncate(0);
		this.lock.release();
		this.channel.close();
	}

	/** Another process (or thread) is loading this warehouse. */
	public static class RunInProgressException extends Exception {

		public RunInProgressException(String message) {
			super(message);
		}

	}

}
