package cq.talentwarehouse.run;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLockTests {

	@TempDir
	Path dir;

	@Test
	void refusesASecondRunSayingWhichProcessHoldsTheLock() throws Exception {
		// given
		Path file = this.dir.resolve("run.lock");
		try (RunLock first = RunLock.acquire(file)) {
			// when / then
			assertThatThrownBy(() -> RunLock.acquire(file)).isInstanceOf(RunLock.RunInProgressException.class)
				.hasMessageStartingWith("A run is in progress (pid " + ProcessHandle.current().pid() + ", started ");
		}
	}

	@Test
	void namesWhatTheHolderDoesWhenItIsNotALoad() throws Exception {
		// given the lock taken to prepare the next run's working copy
		Path file = this.dir.resolve("run.lock");
		try (RunLock preparing = RunLock.acquire(file, "preparing the next run's working copy")) {
			// when a run asks for it / then it is refused, told what holds it
			assertThatThrownBy(() -> RunLock.acquire(file)).isInstanceOf(RunLock.RunInProgressException.class)
				.hasMessageContaining(", preparing the next run's working copy); not starting another.");
		}
	}

	@Test
	void canBeTakenAgainOnceReleased() throws Exception {
		Path file = this.dir.resolve("run.lock");
		RunLock.acquire(file).close();
		try (RunLock again = RunLock.acquire(file)) {
			assertThat(file).exists();
		}
	}

}
