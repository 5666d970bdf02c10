package cq.talentwarehouse.run;

import java.util.Locale;

/** A status as {@code report.json}, {@code feeds.csv} and notifications write it: the constant's name in lower case. */
interface ReportedStatus {

	String name();

	default String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether a report's status is this one. */
	default boolean is(String status) {
		return key().equals(status);
	}

}
