package cq.talentwarehouse.architecture;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The boundaries of main code, checked on the compiled classes (run after compile: mvn test). */
class PackageDependencyTests {

	/** Where demo data and benchmark helpers may be used from: the command line's generate and first start. */
	private static final Set<String> MAY_USE_DEMO = Set.of("cli", "bench");

	@Test
	void productionCodeNeverReachesTheDemoOrTheBenchmarks() {
		// given what every package uses
		Map<String, Set<String>> uses = PackageDependencies.ofMainClasses();
		assertThat(uses).as("jdeps found the packages of target/classes").containsKey("cli");
		// then only the command line reaches demo, and nothing reaches bench
		uses.forEach((from, to) -> {
			if (!from.equals("demo") && !MAY_USE_DEMO.contains(from)) {
				assertThat(to).as("packages %s uses", from).doesNotContain("demo");
			}
			if (!from.equals("bench")) {
				assertThat(to).as("packages %s uses", from).doesNotContain("bench");
			}
		});
	}

	@Test
	void packagesFormNoCycle() {
		// given what every package uses
		Map<String, Set<String>> uses = PackageDependencies.ofMainClasses();
		// then no package reaches itself again through the others
		for (String start : uses.keySet()) {
			List<String> cycle = pathBack(start, start, uses, new ArrayList<>(), new HashSet<>());
			assertThat(cycle).as("a package cycle through %s", start).isNull();
		}
	}

	/** A path from {@code from} back to {@code start}, or null. */
	private static List<String> pathBack(String start, String from, Map<String, Set<String>> uses, List<String> path,
			Set<String> seen) {
		for (String next : uses.getOrDefault(from, Set.of())) {
			List<String> longer = new ArrayList<>(path);
			longer.add(next);
			if (next.equals(start)) {
				return longer;
			}
			if (seen.add(next)) {
				List<String> found = pathBack(start, next, uses, longer, seen);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
