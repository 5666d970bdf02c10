package cq.talentwarehouse.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the public API — every view of the {@code mart} schema with its descriptions — from the catalog. */
public final class MartViews {

	public static final String SCHEMA = "mart";

	private MartViews() {
	}

	/** Every mart view in name order, its columns in view order. */
	public static List<MartView> list(Connection connection) throws SQLException {
		Map<String, String> descriptions = new LinkedHashMap<>();
		try (PreparedStatement views = connection.prepareStatement(
				"select view_name, comment from duckdb_views() where schema_name = ? and not internal order by view_name")) {
			views.setString(1, SCHEMA);
			try (ResultSet rs = views.executeQuery()) {
				while (rs.next()) {
					descriptions.put(rs.getString(1), rs.getString(2));
				}
			}
		}
		Map<String, List<MartView.Column>> columns = new LinkedHashMap<>();
		try (PreparedStatement query = connection.prepareStatement("select table_name, column_name, data_type, comment"
				+ " from duckdb_columns() where schema_name = ? order by table_name, column_index")) {
			query.setString(1, SCHEMA);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					columns.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>())
						.add(new MartView.Column(rs.getString(2), rs.getString(3), rs.getString(4)));
				}
			}
		}
		List<MartView> out = new ArrayList<>();
		descriptions.forEach((name, description) -> out
			.add(new MartView(name, description, List.copyOf(columns.getOrDefault(name, List.of())))));
		return out;
	}

}
