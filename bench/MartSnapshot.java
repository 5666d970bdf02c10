import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Writes every view and table of the {@code mart} and {@code dw} schemas and the {@code ops}
 * dashboard views of a warehouse file as one sorted CSV each, with run ids, clock times and
 * surrogate keys (but date_sk) blanked: they differ on every run by design. Run by bench/mart-snapshot.sh with the DuckDB driver of the jar.
 */
public class MartSnapshot {

	public static void main(String[] args) throws Exception {
		Path out = Path.of(args[1]);
		Files.createDirectories(out);
		Properties readOnly = new Properties();
		readOnly.setProperty("duckdb.read_only", "true");
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly);
				Statement s = c.createStatement()) {
			List<String> relations = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("select table_schema || '.' || table_name from information_schema.tables"
					+ " where table_schema in ('mart', 'dw') or (table_schema = 'ops' and table_type = 'VIEW') order by 1")) {
				while (rs.next()) {
					relations.add(rs.getString(1));
				}
			}
			for (String relation : relations) {
				List<String> columns = new ArrayList<>();
				try (ResultSet rs = s.executeQuery("select column_name, data_type from information_schema.columns"
						+ " where table_schema || '.' || table_name = '" + relation + "' order by ordinal_position")) {
					while (rs.next()) {
						String name = rs.getString(1);
						// surrogate keys follow the order parallel staging delivered rows in, which varies by design
						boolean volatileColumn = name.contains("run_id") || rs.getString(2).startsWith("TIMESTAMP")
								|| name.endsWith("_at") || name.equals("seconds") || (name.endsWith("_sk") && !name.equals("date_sk"));
						columns.add(volatileColumn ? "null as \"" + name + "\"" : "\"" + name + "\"");
					}
				}
				Path file = out.resolve(relation + ".csv").toAbsolutePath();
				s.execute("copy (select " + String.join(", ", columns) + " from " + relation + " order by all) to '"
						+ file.toString().replace("'", "''") + "' (header, delimiter ',')");
			}
			System.out.println(relations.size() + " relations written to " + out);
		}
	}

}
