package cq.talentwarehouse.architecture;

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

}
