package cq.talentwarehouse.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A BI user querying while the warehouse is served again and again sees one whole load or the other,
 * never a mix, an empty table or an error; a query running at the switch finishes on the old data.
 */
class AtomicServeIntegrationTests {

	private static final String DATABASE = "serving_atomic";

	/** What the reader asks: rows and total of the talent totals (one table per query). */
	private static final String PROBE = "select count(*) || ' rows, total ' || coalesce(sum(talent_total), 0)"
			+ " from mart.district_talent_totals";

	@TempDir
	static Path dir;

	private static TestPostgres pg;

	private static ServeTarget target;

	private static Path small;

	private static Path doubled;

	@BeforeAll
	static void twoDifferentWarehouses() throws Exception {
		pg = TestPostgres.shared();
		target = pg.database(DATABASE);
		small = FixtureWarehouse.get();
		// the same warehouse with every roster count doubled: a load the reader can tell apart
		doubled = Files.copy(small, dir.resolve("b.duckdb"));
		try (Connection c = DuckDb.openReadWrite(doubled); Statement s = c.createStatement()) {
			s.execute("update dw.agg_talent_snapshot set people = people * 2");
		}
		pg.createLogin("atomic_reader", "reader-pw");
	}

	@Test
	void aReaderQueryingInALoopSeesOneWholeLoadOrTheOther() throws Exception {
		// given: the small warehouse served, a reader with the all-districts role
		WarehouseServer server = new WarehouseServer(target, dir.resolve("work"));
		server.serve(small);
		server.grantLogin(small, "atomic_reader", "all");
		String smallAnswer = answer();
		server.serve(doubled);
		String doubledAnswer = answer();
		assertThat(smallAnswer).isNotEqualTo(doubledAnswer);

		AtomicBoolean stop = new AtomicBoolean();
		Set<String> seen = ConcurrentHashMap.newKeySet();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		AtomicLong queries = new AtomicLong();
		Thread reader = new Thread(() -> {
			try (Connection c = pg.login(DATABASE, "atomic_reader", "reader-pw")) {
				while (!stop.get()) {
					seen.add(TestPostgres.rows(c, PROBE).get(0).get(0));
					queries.incrementAndGet();
				}
			}
			catch (Throwable ex) {
				errors.add(ex);
			}
		});

		// when: six serves alternate the two warehouses while the reader runs
		reader.start();
		for (int i = 0; i < 6; i++) {
			server.serve((i % 2 == 0) ? small : doubled);
		}
		stop.set(true);
		reader.join();

		// then
		assertThat(errors).isEmpty();
		assertThat(queries.get()).isGreaterThan(6);
		assertThat(seen).containsOnly(smallAnswer, doubledAnswer);
		assertThat(pg.rows(DATABASE, "select nspname from pg_namespace where nspname like 'mart%' or nspname like 'ops%'"
				+ " order by 1")).containsExactly(List.of("mart"), List.of("ops"));
	}

	@Test
	void aQueryRunningAtTheSwitchFinishesOnTheOldDataAndTheOldCopyIsDroppedAfterIt() throws Exception {
		// given
		WarehouseServer server = new WarehouseServer(target, dir.resolve("work"));
		server.serve(small);
		String before = answer();
		String[] slow = new String[1];
		Thread slowReader = new Thread(() -> {
			try (Connection c = pg.superuser(DATABASE)) {
				slow[0] = TestPostgres.rows(c, "select (" + PROBE + "), pg_sleep(2)").get(0).get(0);
			}
			catch (Exception ex) {
				slow[0] = ex.toString();
			}
		});
		slowReader.start();
		while (pg.rows(DATABASE, "select count(*) from pg_stat_activity where query like '%pg_sleep(2)%'"
				+ " and state = 'active' and pid <> pg_backend_pid()").get(0).get(0).equals("0")) {
			Thread.sleep(10);
		}

		// when
		WarehouseServer.Result result = server.serve(doubled);
		slowReader.join();

		// then
		assertThat(slow[0]).isEqualTo(before);
		assertThat(answer()).isNotEqualTo(before);
		assertThat(result.notes()).isEmpty();
		assertThat(pg.rows(DATABASE, "select count(*) from pg_namespace where nspname like '%replaced%'"))
			.containsExactly(List.of("0"));
	}

	private static String answer() throws Exception {
		return pg.rows(DATABASE, PROBE).get(0).get(0);
	}

}
