package cq.talentwarehouse.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import cq.talentwarehouse.load.DuckDb;

/**
 * A stand-in for an analyst's tool in another process: holds the published warehouse open
 * read-only; on {@code query} prints the runs its held connection sees, on {@code reconnect} closes
 * it and opens a new one (as DBeaver's reconnect or a pool recycling its connections does).
 */
public final class ReadOnlyHolder {

	private ReadOnlyHolder() {
	}

	public static void main(String[] args) throws Exception {
		Path warehouse = Path.of(args[0]);
		Connection held = DuckDb.openReadOnly(warehouse);
		System.out.println("READY " + runs(held));
		System.out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
		String line;
		while ((line = in.readLine()) != null) {
			if (line.equals("reconnect")) {
				held.close();
				held = DuckDb.openReadOnly(warehouse);
			}
			System.out.println("RUNS " + runs(held));
			System.out.flush();
		}
		held.close();
	}

	private static long runs(Connection c) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from ops.runs")) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
