package cq.talentwarehouse.serve;

import java.nio.file.Files;
import java.nio.file.Path;

import cq.talentwarehouse.testing.Fixtures;

/** The fixture landing zone loaded once per test JVM, for the serving tests that only read it (they copy it to change it). */
final class FixtureWarehouse {

	private static Path warehouse;

	private FixtureWarehouse() {
	}

	static synchronized Path get() throws Exception {
		if (warehouse == null) {
			Path dir = Files.createTempDirectory("talent-serve-fixture");
			warehouse = Fixtures.fixtureLoad(dir);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try (var files = Files.walk(dir)) {
					files.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
				}
				catch (Exception ex) {
					// the JVM is going away
				}
			}));
		}
		return warehouse;
	}

}
