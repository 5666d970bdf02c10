package cq.talentwarehouse.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The working copy replaces the published file at once; the replaced file is removed after the rename. */
class PublisherTests {

	@TempDir
	Path dir;

	@Test
	void replacesThePublishedFileAndRemovesTheReplacedOneAfterwards() throws Exception {
		// given a published warehouse, a reader holding it open, and a tested working copy
		Path published = write(this.dir.resolve("warehouse/talent.duckdb"), "old");
		Path workingCopy = write(this.dir.resolve("warehouse/work/talent.duckdb"), "new");
		try (FileChannel reader = FileChannel.open(published, StandardOpenOption.READ)) {

			// when it is published
			Publisher.publish(workingCopy, published).get(30, TimeUnit.SECONDS);

			// then the warehouse is the working copy, no second name of the old file is left, and the
			// reader still reads the old file
			assertThat(published).hasContent("new");
			assertThat(workingCopy).doesNotExist();
			assertThat(Publisher.replacedName(workingCopy, published)).doesNotExist();
			ByteBuffer old = ByteBuffer.allocate(3);
			reader.read(old, 0);
			assertThat(new String(old.array(), StandardCharsets.UTF_8)).isEqualTo("old");
		}
	}

	@Test
	void publishesTheFirstWarehouseWithNothingToReplace() throws Exception {
		Path published = this.dir.resolve("warehouse/talent.duckdb");
		Path workingCopy = write(this.dir.resolve("work/talent.duckdb"), "first");

		Publisher.publish(workingCopy, published).get(30, TimeUnit.SECONDS);

		assertThat(published).hasContent("first");
		assertThat(Publisher.replacedName(workingCopy, published)).doesNotExist();
	}

	@Test
	void removesAReplacedFileAPublishKilledEarlierLeftBehind() throws Exception {
		// given a second name a killed publish left beside the working copy
		Path published = write(this.dir.resolve("warehouse/talent.duckdb"), "old");
		Path workingCopy = write(this.dir.resolve("warehouse/work/talent.duckdb"), "new");
		write(Publisher.replacedName(workingCopy, published), "older");

		// when the next publish runs
		Publisher.publish(workingCopy, published).get(30, TimeUnit.SECONDS);

		// then neither it nor the file this publish replaced keeps a name there
		assertThat(published).hasContent("new");
		assertThat(Publisher.replacedName(workingCopy, published)).doesNotExist();
	}

	@Test
	void refusesAWorkingCopyWithAWriteAheadLogAndLeavesThePublishedFileAlone() throws Exception {
		// given a working copy that was not checkpointed and closed
		Path published = write(this.dir.resolve("warehouse/talent.duckdb"), "old");
		Path workingCopy = write(this.dir.resolve("warehouse/work/talent.duckdb"), "new");
		write(Path.of(workingCopy + ".wal"), "log");

		// when it is published, then it is refused, the warehouse unchanged, no second name made
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> Publisher.publish(workingCopy, published))
			.withMessageContaining("write-ahead log");
		assertThat(published).hasContent("old");
		assertThat(Publisher.replacedName(workingCopy, published)).doesNotExist();
	}

	@Test
	void aCommandThatExitsRightAfterPublishingLeavesNoSecondName() throws Exception {
		// given a published warehouse and a working copy
		Path published = write(this.dir.resolve("warehouse/talent.duckdb"), "old");
		Path workingCopy = write(this.dir.resolve("warehouse/work/talent.duckdb"), "new");

		// when a command publishes and exits at once
		Process command = new ProcessBuilder(ChildJvm.command(PublishThenExit.class, List.of(), workingCopy.toString(),
				published.toString()))
			.redirectErrorStream(true)
			.start();
		String output = new String(command.getInputStream().readAllBytes());
		assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();

		// then the replaced file was removed before it ended
		assertThat(command.exitValue()).as(output).isZero();
		assertThat(published).hasContent("new");
		assertThat(Publisher.replacedName(workingCopy, published)).doesNotExist();
	}

	private static Path write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

}
