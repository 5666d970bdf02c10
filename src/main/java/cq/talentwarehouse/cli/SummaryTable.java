package cq.talentwarehouse.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.load.RunSummary;

/**
 * The summary a published run prints: one table row per district snapshot and source (read /
 * loaded / quarantined / seconds) from {@code ops.source_counts}, a total, then each warning once.
 */
@Component
class SummaryTable implements RunSummary {

	@Override
	public String read(Connection warehouse, String runId) throws SQLException {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
			print(warehouse, runId, out);
		}
		return text.toString(StandardCharsets.UTF_8);
	}

	private static void print(Connection c, String runId, PrintStream out) throws SQLException {
		List<String[]> rows = new ArrayList<>();
		long[] totals = new long[3];
		try (Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select c.district_code, d.short_name, c.source, c.read, c.loaded,"
						+ " c.quarantined, c.seconds, regexp_extract(c.file, '[^/]+$'), cast(c.snapshot_date as varchar)"
						+ " from ops.source_counts c left join (select distinct district_code,"
						+ " short_name from dw.dim_district) d using (district_code) where run_id = "
						+ DuckDb.literal(runId) + " order by c.district_code, c.snapshot_date, c.source")) {
			while (rs.next()) {
				rows.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(9), rs.getString(3), rs.getString(8),
						rs.getString(4), rs.getString(5), rs.getString(6),
						String.format(Locale.ROOT, "%.1f", rs.getDouble(7)) });
				for (int i = 0; i < 3; i++) {
					totals[i] += rs.getLong(4 + i);
				}
			}
		}
		rows.add(new String[] { "total", "", "", "", "", Long.toString(totals[0]), Long.toString(totals[1]),
				Long.toString(totals[2]), "" });
		out.println();
		Tables.print(List.of("district", "name", "snapshot", "source", "file", "read", "loaded",
				"quarantined", "seconds"), rows, out);
		// one line per warning: two snapshots of a district are told apart by their date, never printed twice
		try (Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select distinct district_code, cast(snapshot_date as varchar), source, rule,"
						+ " records, example from ops.warnings where run_id = " + DuckDb.literal(runId) + " order by all")) {
			while (rs.next()) {
				out.printf("warning: %s @ %s %s: %d record(s) %s (e.g. %s) — loaded, but worth asking the district about%n",
						rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(5), rs.getString(4), rs.getString(6));
			}
		}
		out.println();
	}

}
