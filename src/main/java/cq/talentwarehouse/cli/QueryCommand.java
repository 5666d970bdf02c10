package cq.talentwarehouse.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
		description = { "Run SQL read-only against the published warehouse.",
				"json: an array of objects, numbers and booleans typed, SQL null as null, dates and times as ISO text.",
				"csv: RFC 4180 with a header row; SQL null is an empty unquoted cell, an empty string is \"\"." })
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
		switch (format) {
			case csv -> {
				StringBuilder b = new StringBuilder();
				csvRow(header.toArray(), b);
				while (rs.next()) {
					Object[] row = new Object[n];
					for (int c = 1; c <= n; c++) {
						row[c - 1] = rs.getString(c);
					}
					csvRow(row, b);
				}
				out.print(b);
			}
			case json -> {
				ArrayNode array = JSON.createArrayNode();
				while (rs.next()) {
					ObjectNode o = array.addObject();
					for (int c = 1; c <= n; c++) {
						o.set(header.get(c - 1), json(rs.getObject(c), rs, c));
					}
				}
				out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
			}
			case table -> {
				List<String[]> rows = new ArrayList<>();
				while (rs.next()) {
					String[] row = new String[n];
					for (int c = 1; c <= n; c++) {
						row[c - 1] = rs.getString(c);
					}
					rows.add(row);
				}
				Tables.print(header, rows, out);
			}
		}
	}

	private static final ObjectMapper JSON = new ObjectMapper()
		.enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

	private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

	/** A value as JSON of its SQL type: numbers and booleans typed, null as null, everything else as its text. */
	private static JsonNode json(Object value, ResultSet rs, int column) throws SQLException {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof Boolean b) {
			return NODES.booleanNode(b);
		}
		if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
			return NODES.numberNode(((Number) value).longValue());
		}
		if (value instanceof BigInteger big) {
			return NODES.numberNode(big);
		}
		if (value instanceof BigDecimal decimal) {
			return NODES.numberNode(decimal);
		}
		if (value instanceof Float || value instanceof Double) {
			double d = ((Number) value).doubleValue();
			// JSON has no NaN or infinity: those stay text, as DuckDB prints them
			return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(String.valueOf(d));
		}
		if (value instanceof java.sql.Array list) {
			ArrayNode array = NODES.arrayNode();
			for (Object element : (Object[]) list.getArray()) {
				array.add(json(element, null, 0));
			}
			return array;
		}
		if (rs != null) {
			return NODES.textNode(rs.getString(column));
		}
		return NODES.textNode(value.toString());
	}

	/**
	 * One RFC 4180 row. SQL null is an empty unquoted cell and an empty string is {@code ""}, so the two
	 * stay apart; a cell holding a comma, a quote or a line break is quoted, its quotes doubled.
	 */
	static void csvRow(Object[] cells, StringBuilder b) {
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				b.append(',');
			}
			if (cells[i] == null) {
				continue;
			}
			String text = cells[i].toString();
			if (text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
					|| text.indexOf('\r') >= 0) {
				b.append('"').append(text.replace("\"", "\"\"")).append('"');
			}
			else {
				b.append(text);
			}
		}
		b.append("\r\n");
	}

}
