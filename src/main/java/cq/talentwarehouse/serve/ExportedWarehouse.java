package cq.talentwarehouse.serve;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cq.talentwarehouse.load.DuckDb;

/**
 * The published warehouse's served relations written by DuckDB as CSV files, read before the server
 * is touched so a warehouse that cannot be served fails without changing the served copy.
 *
 * @param runId the published run
 * @param tables the relations, each with its file and row count
 * @param districts the districts whose roles read them
 */
record ExportedWarehouse(String runId, List<ExportedWarehouse.ExportedTable> tables, List<DistrictRoles.District> districts) {

	// the serve's own log category, so one logger setting still shows all of a serve
	private static final Logger log = LoggerFactory.getLogger(WarehouseServer.class);

	/** One served relation written by DuckDB as CSV, with its row count. */
	record ExportedTable(ServedTable table, Path file, long rows) {
	}

	static ExportedWarehouse write(Path warehouse, Path dir) {
		// like export: read-only, configuration locked, files written into the serve's own folder only
		try (Connection duckdb = DuckDb.openLockedReadOnly(warehouse, dir)) {
			List<ServedTable> tables = ServedTable.list(duckdb);
			String runId;
			try (Statement s = duckdb.createStatement(); ResultSet rs = s.executeQuery("select max(run_id) from ops.runs")) {
				rs.next();
				runId = rs.getString(1);
			}
			List<ExportedTable> exported = new ArrayList<>();
			for (ServedTable table : tables) {
				for (ServedTable.Column c : table.columns()) {
					c.postgresType(table.qualifiedName()); // an unservable type fails before the server is touched
				}
				Path file = dir.resolve(table.qualifiedName() + ".csv");
				String columns = table.columns().stream().map(ServedTable.Column::exportExpression)
					.collect(Collectors.joining(", "));
				long e0 = System.nanoTime();
				try (Statement s = duckdb.createStatement()) {
					long rows = s.executeUpdate("copy (select " + columns + " from " + table.schema() + "."
							+ ServedTable.quote(table.name()) + ") to " + DuckDb.literal(file.toString()) + " (format csv, header false)");
					exported.add(new ExportedTable(table, file, rows));
					log.debug("exported {} ({} rows) in {} ms", table.qualifiedName(), rows, (System.nanoTime() - e0) / 1_000_000);
				}
				catch (SQLException ex) {
					if (ex.getMessage() != null && ex.getMessage().contains("out of range")) {
						throw new ServeException("Cannot serve " + table.qualifiedName() + ": a count there is beyond PostgreSQL's"
								+ " bigint (" + ServingDatabase.firstLine(ex.getMessage()) + "); nothing was served, nothing rounded.");
					}
					throw ex;
				}
			}
			return new ExportedWarehouse(runId, exported, DistrictRoles.read(duckdb));
		}
		catch (SQLException ex) {
			throw new ServeException("Cannot read the published warehouse " + warehouse + " to serve it: "
					+ ServingDatabase.firstLine(ex.getMessage()));
		}
	}

}
