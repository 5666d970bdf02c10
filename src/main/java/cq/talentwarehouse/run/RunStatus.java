package cq.talentwarehouse.run;

/** How a run stands or ended, by the names {@code report.json}, {@code status} and notifications use. */
public enum RunStatus implements ReportedStatus {

	/** Started, not ended (or killed: {@code restart} resumes it). */
	RUNNING,
	/** Every district staged and the warehouse published. */
	PUBLISHED,
	/** Some districts failed; the rest were published. */
	PARTIAL,
	/** Published in DuckDB, but serving it to PostgreSQL failed. */
	PUBLISHED_NOT_SERVED,
	/** Nothing published. */
	FAILED,
	/** Stopped on request before publishing; {@code restart} resumes it. */
	STOPPED,
	/** Every snapshot was unchanged since it was loaded: nothing to load. */
	UNCHANGED,
	/** The landing zone was missing or empty: nothing to load, an incident. */
	LANDING_EMPTY;

	@Override
	public String toString() {
		return key();
	}

}
