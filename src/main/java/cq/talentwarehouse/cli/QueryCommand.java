package cq.talentwarehouse.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
		description = "Run SQL read-only against the published warehouse.")
class QueryCommand implements Callable<Integer> {

	enum Format {

		table, csv, json

	}

	@Mixin
	PublishedWarehouse warehouse;

	@Option(names = "--format", description = "table, csv (RFC 4180 with a header row) or json. Default: ${DEFAULT-VALUE}.",
			defaultValue = "table")
	Format format;

	@Parameters(paramLabel = "SQL", description = "The query, e.g. \"select * from mart.district_talent_totals\".")
	String sql;

	@Override
	public Integer call() throws Exception {
		try (Connection connection = this.warehouse.openOrExplain()) {
			if (connection == null) {
				return 1;
			}
			try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(this.sql)) {
				print(rs, this.format, System.out);
				return 0;
			}
		}
		catch (SQLException ex) {
			System.err.println("query failed: " + ex.getMessage());
			return 1;
		}
	}

	static void print(ResultSet rs, Format format, PrintStream out) throws Exception {
		ResultSetMetaData meta = rs.getMetaData();
		int n = meta.getColumnCount();
		List<String> header = new ArrayList<>();
		for (int c = 1; c <= n; c++) {
			header.add(meta.getColumnLabel(c));
		}
		List<String[]> rows = new ArrayList<>();
		while (rs.next()) {
			String[] row = new String[n];
			for (int c = 1; c <= n; c++) {
				row[c - 1] = rs.getString(c);
			}
			rows.add(row);
		}
		switch (format) {
			case csv -> {
				StringBuilder b = new StringBuilder();
				try (CSVPrinter printer = new CSVPrinter(b, CSVFormat.RFC4180)) {
					printer.printRecord(header);
					for (String[] row : rows) {
						printer.printRecord((Object[]) row);
					}
				}
				out.print(b);
			}
			case json -> {
				ObjectMapper json = new ObjectMapper();
				ArrayNode array = json.createArrayNode();
				for (String[] row : rows) {
					ObjectNode o = array.addObject();
					for (int c = 0; c < n; c++) {
						o.put(header.get(c), row[c]);
					}
				}
				out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(array));
			}
			case table -> Tables.print(header, rows, out);
		}
	}

}
