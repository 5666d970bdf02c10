package cq.talentwarehouse.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import cq.talentwarehouse.reference.Seeds;

/**
 * What one run knows while it runs. A new one per run: nothing of a run stays behind in the
 * {@link LoadRun} that {@code schedule} keeps for months.
 */
final class RunState {

	final PrintStream out;

	/** Where what stops the run or fails a district is said too. */
	final PrintStream err;

	/** Set from another thread ({@link LoadRun#requestStop}): start no more districts, publish nothing. */
	volatile boolean stopRequested;

	/** The seeds of the run being started; null on a restart, which reads the copy in its staging folder. */
	Seeds seeds;

	/** File fingerprints of the planned snapshots (district, date, name, size, modified, sha256). */
	List<String[]> fingerprints = List.of();

	/** The districts whose databases held no rows ("district: source holds no rows"). */
	final List<String> emptyPulls = Collections.synchronizedList(new ArrayList<>());

	/** Why the run ended before it wrote a report (broken pipeline files), for its outcome. */
	String endedWithoutReport;

	RunState(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

}
