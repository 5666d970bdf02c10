package cq.talentwarehouse.run;

import java.util.Locale;

/** Where one district snapshot of a run stands, as {@code report.json} and {@code feeds.csv} name it. */
public enum DistrictStatus {

	/** Planned, not staged yet (or stopped: a restart stages it). */
	PENDING,
	/** Staged; the build loads it. */
	STAGED,
	/** Failed on its own data or files; the other districts go on. */
	FAILED,
	/** Unchanged since it was loaded: not read again. */
	SKIPPED;

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
