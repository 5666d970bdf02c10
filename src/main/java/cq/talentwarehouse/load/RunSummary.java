package cq.talentwarehouse.load;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The per-district, per-source summary a published run prints (read / loaded / quarantined /
 * seconds, then its warnings), as text. It is read off the working copy once its data tests passed,
 * on their open database, just before the copy is published ({@link WarehousePublishJobConfiguration}),
 * so printing it after the publish opens no database. The command line formats it
 * ({@code cli.SummaryTable}); a context without one prints none.
 */
public interface RunSummary {

	/** The summary of {@code runId} in the warehouse on {@code warehouse}. */
	String read(Connection warehouse, String runId) throws SQLException;

}
