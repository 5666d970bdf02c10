package cq.talentwarehouse.notify;

import cq.talentwarehouse.run.RunOutcome;

/**
 * One message about one run, in the forms the channels send.
 *
 * @param event failed, partial, not_served, nothing_to_load or recovered
 * @param title one line: what happened (the mail subject, the markdown heading)
 * @param text the whole message as plain text, Chinese, a few lines
 * @param markdown the same as markdown, for robots that render it
 * @param outcome the run it is about
 * @param previousIncident for {@code recovered}: the run id of the failed night before, if known
 */
public record Notification(String event, String title, String text, String markdown, RunOutcome outcome,
		String previousIncident) {
}
