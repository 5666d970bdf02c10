package cq.talentwarehouse.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A small load adds the launcher's compiler directives to the running JVM; nothing else does. */
class SmallLoadJitTests {

	@TempDir
	Path dir;

	@AfterEach
	void clearProperties() {
		System.clearProperty(SmallLoadJit.DIRECTIVES_PROPERTY);
		System.clearProperty(SmallLoadJit.LIMIT_PROPERTY);
	}

	@Test
	void smallLoadAddsTheDirectivesTheLauncherNamed() throws Exception {
		System.setProperty(SmallLoadJit.DIRECTIVES_PROPERTY, harmlessDirectives().toString());

		assertThat(SmallLoadJit.applyIfSmall(15_000_000)).isTrue();
	}

	@Test
	void largeLoadKeepsTheOptimizingCompiler() throws Exception {
		System.setProperty(SmallLoadJit.DIRECTIVES_PROPERTY, harmlessDirectives().toString());

		assertThat(SmallLoadJit.applyIfSmall(SmallLoadJit.DEFAULT_LIMIT + 1)).isFalse();
		System.setProperty(SmallLoadJit.LIMIT_PROPERTY, "0");
		assertThat(SmallLoadJit.applyIfSmall(1)).isFalse();
	}

	@Test
	void withoutTheLauncherOrItsFileNothingIsAdded() {
		assertThat(SmallLoadJit.applyIfSmall(1)).isFalse();
		System.setProperty(SmallLoadJit.DIRECTIVES_PROPERTY, this.dir.resolve("missing.json").toString());
		assertThat(SmallLoadJit.applyIfSmall(1)).isFalse();
	}

	@Test
	void directivesTheJvmRejectsLeaveTheLoadAsItWas() throws Exception {
		Path broken = Files.writeString(this.dir.resolve("broken.json"), "[ { match: ");
		System.setProperty(SmallLoadJit.DIRECTIVES_PROPERTY, broken.toString());

		assertThat(SmallLoadJit.applyIfSmall(1)).isFalse();
	}

	/** Directives for a method no class has: this test JVM keeps compiling as before. */
	private Path harmlessDirectives() throws Exception {
		return Files.writeString(this.dir.resolve("directives.json"),
				"[ { match: [\"no/such/Class.method\"], c2: { Exclude: true } } ]");
	}

}
