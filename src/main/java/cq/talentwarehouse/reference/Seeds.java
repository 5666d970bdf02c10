package cq.talentwarehouse.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference seeds a command works with: the CSVs of a folder ({@code TALENT_SEEDS}, default
 * {@code seeds/}) that operators edit without rebuilding, or — only when that folder does not exist —
 * the copy bundled in the jar. A run copies the set it uses into its staging folder, so staging,
 * building and a restart all read the same files, and records their SHA-256 in its report.
 */
public final class Seeds {

	private static final Map<String, ReferenceData> PARSED = new ConcurrentHashMap<>();

	/** The folder read, or null for the bundled copy. */
	private final Path folder;

	/** The folder that was asked for (for messages when it is missing). */
	private final Path requested;

	private Seeds(Path folder, Path requested) {
		this.folder = folder;
		this.requested = requested;
	}

	/** The seeds of a folder; the bundled copy when the folder is null or does not exist. */
	public static Seeds at(Path folder) {
		return new Seeds((folder != null && Files.isDirectory(folder)) ? folder : null, folder);
	}

	public static Seeds bundled() {
		return new Seeds(null, null);
	}

	public boolean isBundled() {
		return this.folder == null;
	}

	/** The folder read, or null for the bundled copy. */
	public Path folder() {
		return this.folder;
	}

	/** Which seeds these are, for operators. */
	public String describe() {
		if (this.folder != null) {
			return this.folder.toString();
		}
		return "the copy bundled in the jar" + ((this.requested != null) ? " (no folder " + this.requested + ")" : "");
	}

	/** Path shown in messages about one seed file. */
	public Path label(String seed) {
		return (this.folder != null) ? this.folder.resolve(seed + ".csv") : Path.of("seeds", seed + ".csv");
	}

	public InputStream open(String seed) throws IOException {
		return (this.folder != null) ? Files.newInputStream(this.folder.resolve(seed + ".csv")) : ReferenceData.open(seed);
	}

	/** SHA-256 over every seed file, name and bytes, in load order: which seeds a run used. */
	public String sha256() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String seed : ReferenceData.SEED_FILES) {
				digest.update((seed + ".csv\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
				try (InputStream in = open(seed)) {
					digest.update(in.readAllBytes());
				}
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the seeds in " + describe() + ": " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Problems of these seeds as {@code file:line: message}; none means they can be used. */
	public List<FileProblem> check() {
		return SeedCheck.check(this);
	}

	/** The parsed seeds (parsed once per content). */
	public ReferenceData reference() {
		if (this.folder == null) {
			return ReferenceData.bundled();
		}
		return PARSED.computeIfAbsent(sha256(), (hash) -> ReferenceData.load(this));
	}

	/** Copies every seed file into a folder (a run's staging), replacing what is there. */
	public void copyTo(Path target) throws IOException {
		Files.createDirectories(target);
		for (String seed : ReferenceData.SEED_FILES) {
			try (InputStream in = open(seed)) {
				Files.copy(in, target.resolve(seed + ".csv"), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

}
