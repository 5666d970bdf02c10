package cq.talentwarehouse.export;

import java.util.List;

/**
 * One analyst view of the {@code mart} schema as the warehouse describes it: the descriptions are
 * the {@code comment on view/column} statements of {@code sql/marts/R__mart_*.sql}.
 *
 * @param name view name without the schema
 * @param description the view's comment, null if it has none
 * @param columns the columns in view order
 */
public record MartView(String name, String description, List<Column> columns) {

	/**
	 * @param name column name
	 * @param type DuckDB type name, e.g. VARCHAR, BIGINT, DATE
	 * @param description the column's comment, null if it has none
	 */
	public record Column(String name, String type, String description) {

		/** Text the way a spreadsheet would read it: only these cells can smuggle a formula in. */
		public boolean isText() {
			return this.type.equals("VARCHAR") || this.type.startsWith("VARCHAR(") || this.type.equals("TEXT");
		}

	}

	public String qualifiedName() {
		return "mart." + this.name;
	}

	public boolean hasColumn(String column) {
		return this.columns.stream().anyMatch((c) -> c.name().equals(column));
	}

}
