package cq.talentwarehouse.run;

/**
 * Told once when a run (or a resumed run) has ended and written its report: notifications and
 * metrics. A listener that fails is logged by the run and never changes its exit code.
 */
@FunctionalInterface
public interface RunOutcomeListener {

	void runEnded(RunOutcome outcome) throws Exception;

}
