package cq.talentwarehouse.run;

import java.io.PrintStream;

/**
 * The per-district, per-source summary a published run prints (read / loaded / quarantined /
 * seconds, then its warnings). The command line formats it ({@code cli.SummaryTable}); a context
 * without one prints none.
 */
public interface RunSummary {

	void print(String runId, PrintStream out) throws Exception;

}
