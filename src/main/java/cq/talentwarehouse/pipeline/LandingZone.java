package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder districts deliver into: {@code <root>/<pipeline landing>/<yyyy-mm-dd>/<files>}, one
 * dated folder per snapshot.
 */
public final class LandingZone {

	private final Path root;

	public LandingZone(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	public Path root() {
		return this.root;
	}

	/**
	 * The file the demo generators leave at the root of a landing zone they wrote: a run that loads
	 * from such a zone is recorded as a demo run ({@code ops.runs.is_demo}, the report's 演示数据 mark).
	 */
	public static final String DEMO_MARKER = "DEMO-DATA.md";

	/** Marks a landing zone as written by a demo generator. */
	public static void markAsDemo(Path root) throws IOException {
		Files.createDirectories(root);
		Files.writeString(root.resolve(DEMO_MARKER), "# 演示数据 (demo data)\n\nThe extracts in this folder were"
				+ " written by `talent-warehouse generate`: they are invented, deterministic demo records, not a"
				+ " district's delivery. Loads from this folder are marked as demo runs (ops.runs.is_demo).\n",
				java.nio.charset.StandardCharsets.UTF_8);
	}

	/** Whether a demo generator wrote this landing zone. */
	public boolean holdsDemoData() {
		return Files.isRegularFile(this.root.resolve(DEMO_MARKER));
	}

	/** Whether the root is missing (a failed mount, a wrong path) or holds nothing at all. */
	public boolean isEmpty() {
		if (!Files.isDirectory(this.root)) {
			return true;
		}
		try (Stream<Path> s = Files.list(this.root)) {
			return s.findAny().isEmpty();
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * A sentence naming the first file of a snapshot folder (or the folder itself) that resolves, links
	 * followed, outside the landing root — a symbolic link must never make a run read files the
	 * landing zone does not hold; null when every file stays inside. Only the link is named, never
	 * what it points at.
	 */
	public String linkLeavingRoot(Path snapshotFolder, java.util.function.Predicate<String> holds) {
		try {
			Path realRoot = this.root.toRealPath();
			if (!Files.exists(snapshotFolder)) {
				return null;
			}
			if (!snapshotFolder.toRealPath().startsWith(realRoot)) {
				return snapshotFolder + " leads outside the landing zone " + this.root
						+ " (a symbolic link); only files inside the landing zone are read";
			}
			try (Stream<Path> list = Files.list(snapshotFolder)) {
				for (Path file : list.sorted().toList()) {
					if (holds.test(file.getFileName().toString()) && Files.exists(file)
							&& !file.toRealPath().startsWith(realRoot)) {
						return file + " is a symbolic link to a file outside the landing zone " + this.root
								+ "; only files inside the landing zone are read";
					}
				}
			}
			return null;
		}
		catch (IOException ex) {
			return snapshotFolder + ": cannot be listed: " + ex.getMessage();
		}
	}

	/** Whether a relative landing folder resolves inside the root (no {@code ../} escapes). */
	public static boolean staysInside(Path root, String relative) {
		Path base = root.toAbsolutePath().normalize();
		if (Path.of(relative).isAbsolute()) {
			return false;
		}
		return base.resolve(relative).normalize().startsWith(base);
	}

	/**
	 * Every snapshot a pipeline's landing folder holds, oldest first: one per {@code yyyy-mm-dd}
	 * folder, or with dates in file names one per date any source's file name carries.
	 */
	public List<Snapshot> snapshots(PipelineDefinition pipeline) throws IOException {
		List<Snapshot> snapshots = new ArrayList<>();
		if (pipeline.landing() == null || pipeline.pullsFromDatabases()) {
			return snapshots; // pulled from its databases by the run
		}
		Path folder = this.root.resolve(pipeline.landing()).normalize();
		if (!Files.isDirectory(folder)) {
			return snapshots;
		}
		if (pipeline.datesFromFileNames()) {
			java.util.TreeSet<LocalDate> dates = new java.util.TreeSet<>();
			try (Stream<Path> list = Files.list(folder)) {
				for (Path file : list.filter(Files::isRegularFile).toList()) {
					for (SourceDefinition source : pipeline.sources().values()) {
						LocalDate date = (source.file() != null)
								? SnapshotFileNames.dateOf(source.file(), file.getFileName().toString()) : null;
						if (date != null) {
							dates.add(date);
						}
					}
				}
			}
			for (LocalDate date : dates) {
				snapshots.add(new Snapshot(pipeline, date, folder));
			}
			return snapshots;
		}
		try (Stream<Path> list = Files.list(folder)) {
			for (Path dir : list.filter(Files::isDirectory).sorted().toList()) {
				try {
					LocalDate date = LocalDate.parse(dir.getFileName().toString());
					snapshots.add(new Snapshot(pipeline, date, dir));
				}
				catch (DateTimeParseException ex) {
					// other folders (README, archive) are not snapshots
				}
			}
		}
		return snapshots;
	}

	/** One delivered snapshot of a district: every feed as of one date. */
	public record Snapshot(PipelineDefinition pipeline, LocalDate date, Path folder) {

		public String id() {
			return this.pipeline.district() + "@" + this.date;
		}

		/**
		 * Whether a file of the folder belongs to this snapshot: every file of a dated folder; with
		 * dates in file names, those its sources' names resolve to for this date.
		 */
		public boolean holds(String fileName) {
			return holds(this.pipeline, this.date, fileName);
		}

		public static boolean holds(PipelineDefinition pipeline, LocalDate date, String fileName) {
			if (!pipeline.datesFromFileNames()) {
				return true;
			}
			for (SourceKind kind : SourceKind.values()) {
				SourceDefinition source = pipeline.source(kind, date);
				if (source != null && source.file() != null && java.nio.file.FileSystems.getDefault()
					.getPathMatcher("glob:" + source.file())
					.matches(Path.of(fileName))) {
					return true;
				}
			}
			return false;
		}

	}

}
