package cq.talentwarehouse.run;

import java.util.Locale;

/** How a run stands or ended, by the names {@code report.json}, {@code status} and notifications use. */
public enum RunStatus {

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

	private final String key = name().toLowerCase(Locale.ROOT);

	public String key() {
		return this.key;
	}

	/** Whether a report's status is this one. */
	public boolean is(String status) {
		return this.key.equals(status);
	}

	@Override
	public String toString() {
		return this.key;
	}

}
