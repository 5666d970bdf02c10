package cq.talentwarehouse.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The working copy replaces the published file at once; the replaced file is removed after the rename. */
class PublisherTests {

	@TempDir
	Path dir;

	/** A published warehouse ("old") and a tested working copy ("new") beside it, as a run leaves them. */
	private Path published;

	private Path workingCopy;

	@BeforeEach
	void publishedWarehouseAndWorkingCopy() throws IOException {
		this.published = write(this.dir.resolve("warehouse/talent.duckdb"), "old");
		this.workingCopy = write(this.dir.resolve("warehouse/work/talent.duckdb"), "new");
	}

	@Test
	void replacesThePublishedFileAndRemovesTheReplacedOneAfterwards() throws Exception {
		// given a reader holding the published warehouse open
		try (FileChannel reader = FileChannel.open(this.published, StandardOpenOption.READ)) {

			// when the working copy is published
			Publisher.publish(this.workingCopy, this.published).get(30, TimeUnit.SECONDS);

			// then the warehouse is the working copy, no second name of the old file is left, and the
			// reader still reads the old file
			assertThat(this.published).hasContent("new");
			assertThat(this.workingCopy).doesNotExist();
			assertThat(replacedName()).doesNotExist();
			ByteBuffer old = ByteBuffer.allocate(3);
			reader.read(old, 0);
			assertThat(new String(old.array(), StandardCharsets.UTF_8)).isEqualTo("old");
		}
	}

	@Test
	void publishesTheFirstWarehouseWithNothingToReplace() throws Exception {
		Files.delete(this.published);

		Publisher.publish(this.workingCopy, this.published).get(30, TimeUnit.SECONDS);

		assertThat(this.published).hasContent("new");
		assertThat(replacedName()).doesNotExist();
	}

	@Test
	void removesAReplacedFileAPublishKilledEarlierLeftBehind() throws Exception {
		// given a second name a killed publish left beside the working copy
		write(replacedName(), "older");

		// when the next publish runs
		Publisher.publish(this.workingCopy, this.published).get(30, TimeUnit.SECONDS);

		// then neither it nor the file this publish replaced keeps a name there
		assertThat(this.published).hasContent("new");
		assertThat(replacedName()).doesNotExist();
	}

	@Test
	void refusesAWorkingCopyWithAWriteAheadLogAndLeavesThePublishedFileAlone() throws Exception {
		// given a working copy that was not checkpointed and closed
		write(Path.of(this.workingCopy + ".wal"), "log");

		// when it is published, then it is refused, the warehouse unchanged, no second name made
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> Publisher.publish(this.workingCopy, this.published))
			.withMessageContaining("write-ahead log");
		assertThat(this.published).hasContent("old");
		assertThat(replacedName()).doesNotExist();
	}

	@Test
	void aCommandWaitsAsItExitsForTheRemovalUnderWay() throws Exception {
		// when the warehouse is replaced and the JVM's exit waits as a command's does
		CompletableFuture<Void> removal = Publisher.publish(this.workingCopy, this.published);
		Publisher.awaitRemovals();

		// then the removal has ended and no second name of the old file is left
		assertThat(removal).isDone();
		assertThat(replacedName()).doesNotExist();
		// and that wait is a shutdown hook of this JVM (only a registered hook can be removed), put back
		assertThat(Runtime.getRuntime().removeShutdownHook(Publisher.EXIT_WAIT)).isTrue();
		Runtime.getRuntime().addShutdownHook(Publisher.EXIT_WAIT);
	}

	private Path replacedName() {
		return Publisher.replacedName(this.workingCopy, this.published);
	}

	private static Path write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

}
