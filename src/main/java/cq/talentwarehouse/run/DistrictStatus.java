package cq.talentwarehouse.run;

/** Where one district snapshot of a run stands, as {@code report.json} and {@code feeds.csv} name it. */
public enum DistrictStatus implements ReportedStatus {

	/** Planned, not staged yet (or stopped: a restart stages it). */
	PENDING,
	/** Staged; the build loads it. */
	STAGED,
	/** Failed on its own data or files; the other districts go on. */
	FAILED,
	/** Unchanged since it was loaded: not read again. */
	SKIPPED;

	@Override
	public String toString() {
		return key();
	}

}
