package cq.talentwarehouse.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed with kill -9 restarts from what the job repository committed last. H2 writes a
 * commit to its file up to half a second later by default, so a kill soon after a job started
 * could leave the job instance without its execution and the restart refused the district
 * ("Cannot find any job execution for job instance").
 */
class JobRepositoryDurabilityTests {

	@TempDir
	Path dir;

	@Test
	void aCommitToTheJobRepositorySurvivesTheProcessBeingKilledAtOnce() throws Exception {
		// given: the job repository's URL as a command line gives it to Spring
		String url = WarehouseOptions.jobRepositoryUrl(this.dir);

		// when: a child JVM commits a row and is killed the moment the commit returns
		Process child = new ProcessBuilder(ChildJvm.command(CommitThenHalt.class, List.of(), url))
			.redirectErrorStream(true)
			.start();
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(child.getInputStream().readAllBytes());
		assertThat(child.exitValue()).as(output).isEqualTo(9);

		// then: the committed row is in the file
		try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
				ResultSet rows = s.executeQuery("select count(*) from committed_before_kill")) {
			rows.next();
			assertThat(rows.getInt(1)).isEqualTo(1);
		}
	}

	/** The child: one table made, a pause for H2's background writer to store it, one row committed, then halt. */
	public static final class CommitThenHalt {

		public static void main(String[] args) throws Exception {
			try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement()) {
				s.execute("create table committed_before_kill (id int)");
				Thread.sleep(1500);
				s.execute("insert into committed_before_kill values (1)");
				Runtime.getRuntime().halt(9);
			}
		}

	}

}
