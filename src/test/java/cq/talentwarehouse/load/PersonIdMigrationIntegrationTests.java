package cq.talentwarehouse.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.normalize.Pseudonymizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V016 turned person_id from 32 letters a-p into a UUID: a warehouse built before it keeps every
 * person, under the pseudonym today's loads compute for the same ID number.
 */
class PersonIdMigrationIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void keepsEveryPersonUnderThePseudonymNewLoadsCompute() throws Exception {
		// given a warehouse at V015 holding a person under the old letter pseudonym
		byte[] key = "migration-test-key".getBytes(StandardCharsets.US_ASCII);
		String hex = new Pseudonymizer(key).pseudonym("500116198001150003");
		String letters = hex.chars()
			.mapToObj((c) -> String.valueOf((char) ('a' + Character.digit(c, 16))))
			.reduce("", String::concat);
		Path warehouse = this.dir.resolve("talent.duckdb");
		try (Connection connection = DuckDb.openReadWrite(warehouse)) {
			// the analyst views read seed tables, as in a load
			WarehouseBuilder.loadSeeds(connection, this.dir.resolve("seeds"));
			OlderWarehouse.migrate(connection, 15, this.dir.resolve("migrations"));
			execute(connection, "insert into dw.dim_person values (7, '" + letters + "', 'M', 1980)");

			// when it migrates to the current schema, as a load does
			WarehouseBuilder.migrate(connection);

			// then the person keeps their key and their pseudonym reads as today's loads write it
			try (Statement s = connection.createStatement();
					ResultSet rs = s.executeQuery("select person_sk, replace(cast(person_id as varchar), '-', ''),"
							+ " typeof(person_id) from dw.dim_person")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getLong(1)).isEqualTo(7);
				assertThat(rs.getString(2)).isEqualTo(hex);
				assertThat(rs.getString(3)).isEqualTo("UUID");
				assertThat(rs.next()).isFalse();
			}
		}
	}

	private static void execute(Connection connection, String sql) throws Exception {
		try (Statement s = connection.createStatement()) {
			s.execute(sql);
		}
	}

}
