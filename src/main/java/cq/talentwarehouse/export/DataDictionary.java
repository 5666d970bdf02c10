package cq.talentwarehouse.export;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code docs/data-dictionary.md}: the mart views and columns with the descriptions the warehouse
 * itself carries, so the document cannot drift from what DBeaver or a BI tool shows.
 */
public final class DataDictionary {

	private DataDictionary() {
	}

	public static String markdown(Connection connection) throws SQLException {
		return markdown(MartViews.list(connection));
	}

	static String markdown(List<MartView> views) {
		StringBuilder b = new StringBuilder();
		b.append("# Data dictionary: the `mart` schema\n\n");
		b.append("<!-- Generated from the warehouse catalog; do not edit. Regenerate with\n");
		b.append("     mvn -B -q test -Dtest=DataDictionaryTests -Ddocs.update=true -->\n\n");
		b.append("The analyst views of the warehouse: a public API (names and columns stay; columns are only ever\n");
		b.append("added at the end). The descriptions are the `comment on view` / `comment on column` statements of\n");
		b.append("`sql/marts/R__mart_*.sql`; DuckDB clients show them too (`select * from duckdb_columns()`,\n");
		b.append("DBeaver's column comments). Each starts with a Chinese label, then the definition.\n\n");
		for (MartView view : views) {
			b.append("- [`").append(view.qualifiedName()).append("`](#").append(anchor(view)).append(") — ")
				.append(label(view.description())).append('\n');
		}
		for (MartView view : views) {
			b.append("\n## ").append(view.qualifiedName()).append("\n\n");
			b.append(cell(view.description())).append("\n\n");
			b.append("| column | type | description |\n|---|---|---|\n");
			for (MartView.Column column : view.columns()) {
				b.append("| `").append(column.name()).append("` | ").append(column.type()).append(" | ")
					.append(cell(column.description())).append(" |\n");
			}
		}
		return b.toString();
	}

	private static String anchor(MartView view) {
		return view.qualifiedName().replace(".", "");
	}

	/** The Chinese label: a description's text up to its first full stop. */
	private static String label(String description) {
		if (description == null) {
			return "(no description)";
		}
		int end = description.indexOf('。');
		return cell((end > 0) ? description.substring(0, end) : description);
	}

	private static String cell(String text) {
		if (text == null) {
			return "(no description)";
		}
		return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
	}

}
