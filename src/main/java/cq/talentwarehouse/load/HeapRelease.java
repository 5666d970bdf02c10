package cq.talentwarehouse.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Java heap staging grew back to the operating system before DuckDB builds: staging leaves
 * a few hundred megabytes committed but mostly garbage, and the build (native memory, up to its
 * memory limit) would otherwise sit on top of them at the run's peak. One full collection; G1 then
 * shrinks the heap to what is live and uncommits the rest.
 */
final class HeapRelease {

	private static final Logger log = LoggerFactory.getLogger(HeapRelease.class);

	private HeapRelease() {
	}

	static void beforeBuild() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long committed = memory.getHeapMemoryUsage().getCommitted();
		long startedAt = System.nanoTime();
		System.gc();
		log.debug("heap before the build: {} MB committed, {} MB after a full collection ({} MB live) in {} ms",
				committed >> 20, memory.getHeapMemoryUsage().getCommitted() >> 20,
				memory.getHeapMemoryUsage().getUsed() >> 20, (System.nanoTime() - startedAt) / 1_000_000);
	}

}
