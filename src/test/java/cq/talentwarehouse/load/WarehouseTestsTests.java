package cq.talentwarehouse.load;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The order {@link WarehouseTests} hands its tests out to its connections in. */
class WarehouseTestsTests {

	private static final List<WarehouseTests.Test> TESTS = List.of(
			new WarehouseTests.Test("agg_matches_facts", List.of(), "select 1 where false", false),
			new WarehouseTests.Test("dim_person_unique", List.of(), "select 1 where false", true),
			new WarehouseTests.Test("mart_reported_vs_computed_grain", List.of(), "select 1 where false", false));

	@Test
	void handsTheTestsQueuedFirstOutFirstWhileATestHasNoTimeYet() {
		// given a process that ran only one of the tests before (or none)
		Map<String, Long> lastNanos = Map.of("mart_reported_vs_computed_grain", 90_000_000L);

		// when the queue is made
		int[] queue = WarehouseTests.queue(TESTS, lastNanos);

		// then the test its file queues first leads, the others follow in name order
		assertThat(queue).containsExactly(1, 0, 2);
		assertThat(WarehouseTests.queue(TESTS, Map.of())).containsExactly(1, 0, 2);
	}

	@Test
	void handsTheSlowestOutFirstOnceEveryTestHasATime() {
		// given a schedule whose last night timed every test: the mart test the slowest
		Map<String, Long> lastNanos = Map.of("agg_matches_facts", 45_000_000L, "dim_person_unique", 30_000_000L,
				"mart_reported_vs_computed_grain", 81_000_000L);

		// when the queue is made
		int[] queue = WarehouseTests.queue(TESTS, lastNanos);

		// then the slowest goes first and the quickest last, so the connections run out of tests together
		assertThat(queue).containsExactly(2, 0, 1);
	}

}
