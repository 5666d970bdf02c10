package cq.talentwarehouse.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;

import org.duckdb.DuckDBConnection;

/**
 * The working copy's database as the build leaves it, kept open for the data tests of the same
 * process: DuckDB's buffers still hold what the build read and wrote, where a database opened anew
 * reads and decompresses every block the tests touch again. The build hands over a fresh connection
 * of its database (its own, with the build's temp tables, is closed); the tests take it once. A
 * restart in a new process, or anything between build and tests, finds none and opens the file; so
 * does a file another database changed since the build (a test seeding a fault opens it itself).
 */
final class OpenWorkingCopy {

	private static Path file;

	private static Connection connection;

	private static String stamp;

	/** The published file's people as the build found them in its fresh copy (WarehouseTests#peopleBefore); null when unknown. */
	private static String peopleBefore;

	private OpenWorkingCopy() {
	}

	/**
	 * Keeps a new connection of {@code build}'s database for {@link #take}; {@code build} stays the
	 * caller's. {@code publishedPeople}: the people of the published file it is a copy of, as the build
	 * read them before adding any ({@link #peopleBefore}); null when it read none.
	 */
	static void keep(Path workingCopy, Connection build, String publishedPeople) throws SQLException {
		keepOwn(workingCopy, build.unwrap(DuckDBConnection.class).duplicate(), publishedPeople);
	}

	/**
	 * Keeps {@code own} itself (closed by {@link #take}'s caller or {@link #discard}): a database kept
	 * open this way is the one the next {@link DuckDb#openReadWrite} of the file joins, buffers and all.
	 */
	static void keepOwn(Path workingCopy, Connection own) {
		keepOwn(workingCopy, own, null);
	}

	private static synchronized void keepOwn(Path workingCopy, Connection own, String publishedPeople) {
		discard();
		connection = own;
		file = workingCopy.toAbsolutePath().normalize();
		stamp = stamp(file);
		peopleBefore = publishedPeople;
	}

	/**
	 * The people of the published file the kept database is a copy of (their count and highest key),
	 * as the build read them before adding any; null when none is kept for {@code workingCopy} or the
	 * build did not read them: the data tests then read the published file.
	 */
	static synchronized String peopleBefore(Path workingCopy) {
		return holds(workingCopy) ? peopleBefore : null;
	}

	/** The kept connection of this working copy (the caller closes it), or null: open the file. */
	static synchronized Connection take(Path workingCopy) {
		Connection kept = connection;
		boolean same = holds(workingCopy);
		connection = null;
		file = null;
		stamp = null;
		peopleBefore = null;
		if (kept != null && !same) {
			DuckDb.closeQuietly(kept);
			return null;
		}
		return kept;
	}

	/** Closes a kept connection nobody took: before a working copy is prepared, built or published. */
	static synchronized void discard() {
		if (connection != null) {
			DuckDb.closeQuietly(connection);
		}
		connection = null;
		file = null;
		stamp = null;
		peopleBefore = null;
	}

	/**
	 * Whether the database kept open is {@code workingCopy}'s and nothing wrote the file or its
	 * write-ahead log since: a prepared copy's log is then this database's own, not a crashed one's.
	 */
	static synchronized boolean holds(Path workingCopy) {
		return connection != null && file.equals(workingCopy.toAbsolutePath().normalize()) && stamp != null
				&& stamp.equals(stamp(file));
	}

	/** Size, modification time and identity of the file and of its write-ahead log, if any; null when unreadable. */
	private static String stamp(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			String stamp = attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.fileKey();
			Path wal = Path.of(file + ".wal");
			if (Files.exists(wal)) {
				BasicFileAttributes log = Files.readAttributes(wal, BasicFileAttributes.class);
				stamp += " wal " + log.size() + " " + log.lastModifiedTime().toMillis() + " " + log.fileKey();
			}
			return stamp;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
