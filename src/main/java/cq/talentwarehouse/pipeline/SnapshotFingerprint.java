package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a snapshot folder holds: every regular file with its size, modification time and SHA-256.
 * Hashing half a gigabyte every night is wasted when nothing changed, so a file whose name, size
 * and modification time match the last load reuses that load's hash.
 */
public record SnapshotFingerprint(List<FileEntry> files) {

	/**
	 * One file.
	 *
	 * @param name file name inside the snapshot folder
	 * @param size bytes
	 * @param modified last modification time
	 * @param sha256 hex SHA-256 of its content
	 */
	public record FileEntry(String name, long size, Instant modified, String sha256) {
	}

	/**
	 * The fingerprint of a folder; {@code previous} (by file name) supplies hashes of files that did
	 * not change since they were last loaded.
	 */
	public static SnapshotFingerprint of(Path folder, Map<String, FileEntry> previous) throws IOException {
		return of(folder, (name) -> true, previous);
	}

	/** The fingerprint of the files of a folder that belong to one snapshot. */
	public static SnapshotFingerprint of(Path folder, java.util.function.Predicate<String> belongs,
			Map<String, FileEntry> previous) throws IOException {
		List<FileEntry> entries = new ArrayList<>();
		try (Stream<Path> list = Files.list(folder)) {
			for (Path file : list.filter(Files::isRegularFile)
				.filter((f) -> belongs.test(f.getFileName().toString()))
				.sorted()
				.toList()) {
				String name = file.getFileName().toString();
				long size = Files.size(file);
				FileTime modifiedAt = Files.getLastModifiedTime(file);
				// second precision: what the warehouse's timestamp column keeps
				Instant modified = modifiedAt.toInstant().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0);
				FileEntry known = previous.get(name);
				String sha = (known != null && known.size() == size && known.modified().equals(modified)) ? known.sha256()
						: hashedAheadOr(file, size, modifiedAt);
				entries.add(new FileEntry(name, size, modified, sha));
			}
		}
		return new SnapshotFingerprint(List.copyOf(entries));
	}

	/** Same files with the same content (modification times may differ). */
	public boolean sameContentAs(List<FileEntry> other) {
		if (other == null || other.size() != this.files.size()) {
			return false;
		}
		for (int i = 0; i < this.files.size(); i++) {
			FileEntry a = this.files.get(i);
			FileEntry b = other.get(i);
			if (!a.name().equals(b.name()) || !a.sha256().equals(b.sha256())) {
				return false;
			}
		}
		return true;
	}

	private static String hashedAheadOr(Path file, long size, FileTime modified) throws IOException {
		String ahead = FilesHashedAhead.take(file, size, modified);
		return (ahead != null) ? ahead : sha256(file);
	}

	static String sha256(Path file) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
