package cq.talentwarehouse.serve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The read-only roles of the served database: {@value #READER} reads every table, and one
 * {@code talent_district_<code>} role per district of {@code seeds/districts.csv} (as the published
 * warehouse's {@code dw.dim_district} holds it) reads its own district's rows. Roles are group roles
 * (NOLOGIN); a login is granted one with {@code serve --grant-login}. A district's role exists and
 * reads only while its code is valid: a role whose code has ended (江北区 and 渝北区 on 2025-11-05)
 * is kept (its logins may need moving) but is granted nothing on the next serve, and a code not yet
 * valid gets its role when it becomes valid. Roles an administrator created beforehand are used as
 * they are, so a serving user without CREATEROLE works once they exist.
 */
public final class DistrictRoles {

	/** Reads every served table, ops included. */
	public static final String READER = "talent_reader";

	public static final String DISTRICT_PREFIX = "talent_district_";

	private DistrictRoles() {
	}

	/**
	 * A county-level division of the seeds.
	 *
	 * @param code GB/T 2260 code
	 * @param name official name
	 * @param validFrom first day the code is valid
	 * @param validTo last day it is valid, null while it is
	 */
	public record District(String code, String name, LocalDate validFrom, LocalDate validTo) {

		public String role() {
			return DISTRICT_PREFIX + this.code;
		}

		public boolean isValidOn(LocalDate day) {
			return !day.isBefore(this.validFrom) && (this.validTo == null || !day.isAfter(this.validTo));
		}

	}

	/** The districts of the published warehouse's {@code dw.dim_district}, in code order. */
	static List<District> read(Connection duckdb) throws SQLException {
		List<District> districts = new ArrayList<>();
		try (Statement s = duckdb.createStatement();
				ResultSet rs = s.executeQuery("select district_code, district_name, valid_from, valid_to from dw.dim_district"
						+ " order by district_code, valid_from")) {
			while (rs.next()) {
				java.sql.Date to = rs.getDate(4);
				districts.add(new District(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
						(to != null) ? to.toLocalDate() : null));
			}
		}
		return districts;
	}

	/** Creates the roles that do not exist yet (idempotent) and describes each; returns the district roles valid today. */
	static List<District> ensure(Connection pg, List<District> districts, LocalDate today) throws SQLException {
		ensureRole(pg, READER, "人才数据仓库只读（全部区县）。Reads every served table of the talent warehouse, all districts and ops.");
		List<District> valid = new ArrayList<>();
		for (District d : districts) {
			if (d.isValidOn(today)) {
				ensureRole(pg, d.role(), d.name() + "只读（" + d.code() + "）。Reads the served talent warehouse's rows of district "
						+ d.code() + " only (row-level security); valid from " + d.validFrom() + ".");
				valid.add(d);
			}
		}
		return valid;
	}

	/** Roles an administrator created beforehand are left as they are (commenting on them needs their admin option). */
	private static void ensureRole(Connection pg, String role, String comment) throws SQLException {
		if (!exists(pg, role)) {
			execute(pg, "create role " + ServedTable.quote(role) + " nologin");
			execute(pg, "comment on role " + ServedTable.quote(role) + " is " + literal(comment));
		}
	}

	private static boolean exists(Connection pg, String role) throws SQLException {
		try (PreparedStatement s = pg.prepareStatement("select 1 from pg_roles where rolname = ?")) {
			s.setString(1, role);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next();
			}
		}
	}

	/**
	 * Row-level security of a served table with a district column: the reader role sees every row,
	 * a district role the rows of the districts whose (valid) roles the session's user is a member of.
	 */
	static List<String> policies(String table, List<District> valid) {
		List<String> sql = new ArrayList<>();
		sql.add("alter table " + table + " enable row level security");
		sql.add("create policy all_districts on " + table + " for select to " + READER + " using (true)");
		if (!valid.isEmpty()) {
			String roles = valid.stream().map((d) -> ServedTable.quote(d.role())).collect(Collectors.joining(", "));
			String names = valid.stream().map((d) -> literal(d.role())).collect(Collectors.joining(", "));
			sql.add("create policy own_district on " + table + " for select to " + roles
					+ " using (district_code in (select substr(r.rolname, " + (DISTRICT_PREFIX.length() + 1) + ") from pg_roles r"
					+ " where r.rolname in (" + names + ") and pg_has_role(r.oid, 'member')))");
		}
		return sql;
	}

	/** Makes an existing login a member of a district's role, or of the reader role for {@code all}. */
	static String grant(Connection pg, String login, String district, List<District> districts, LocalDate today)
			throws SQLException {
		String role;
		if (district.equalsIgnoreCase("all")) {
			role = READER;
		}
		else {
			District d = districts.stream().filter((x) -> x.code().equals(district)).findFirst()
				.orElseThrow(() -> new ServeException("No district " + district
						+ " in the published warehouse's seeds/districts.csv; give a GB/T 2260 code such as 500116, or all."));
			if (!d.isValidOn(today)) {
				throw new ServeException("District " + d.code() + " " + d.name() + " is not valid on " + today + " (valid "
						+ d.validFrom() + " to " + d.validTo() + "); its role reads nothing — grant the successor district's role.");
			}
			role = d.role();
		}
		if (!exists(pg, role)) {
			throw new ServeException("The role " + role + " does not exist yet: run `serve` once first, which creates the roles.");
		}
		if (!exists(pg, login)) {
			throw new ServeException("No login " + login + " on the server: create it first (create role " + login
					+ " login password '…'), then grant it.");
		}
		execute(pg, "grant " + ServedTable.quote(role) + " to " + ServedTable.quote(login));
		return role;
	}

	static void execute(Connection pg, String sql) throws SQLException {
		try (Statement s = pg.createStatement()) {
			s.execute(sql);
		}
	}

	static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}
