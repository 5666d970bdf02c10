package cq.talentwarehouse.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Java heap staging grew back to the operating system before DuckDB builds a large load:
 * staging leaves a few hundred megabytes committed but mostly garbage, and the build (native memory,
 * up to its memory limit) would otherwise sit on top of them at the run's peak. One full collection;
 * G1 then shrinks the heap to what is live and uncommits the rest.
 */
final class HeapRelease {

	/** Below this much staged data the build stays far under its limit and the pause would only cost. */
	static final long STAGED_BYTES_WORTH_IT = 256L << 20;

	private static final Logger log = LoggerFactory.getLogger(HeapRelease.class);

	private HeapRelease() {
	}

	static void beforeBuild(Path stagingRoot) {
		long staged = stagedBytes(stagingRoot);
		if (staged < STAGED_BYTES_WORTH_IT) {
			return;
		}
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long committed = memory.getHeapMemoryUsage().getCommitted();
		long startedAt = System.nanoTime();
		System.gc();
		log.debug("heap before the build ({} MB staged): {} MB committed, {} MB after a full collection ({} MB live) in {} ms",
				staged >> 20, committed >> 20, memory.getHeapMemoryUsage().getCommitted() >> 20,
				memory.getHeapMemoryUsage().getUsed() >> 20, (System.nanoTime() - startedAt) / 1_000_000);
	}

	static long stagedBytes(Path stagingRoot) {
		if (!Files.isDirectory(stagingRoot)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(stagingRoot)) {
			return files.filter(Files::isRegularFile).mapToLong((f) -> {
				try {
					return Files.size(f);
				}
				catch (IOException ex) {
					return 0; // a file removed while walking: not staged data of this build
				}
			}).sum();
		}
		catch (IOException | UncheckedIOException ex) {
			return 0;
		}
	}

}
