package cq.talentwarehouse.cli;

import java.util.List;
import java.util.OptionalInt;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import cq.talentwarehouse.TalentProperties;

/**
 * Talent Warehouse: loads Chongqing districts' talent rosters, innovation platforms and enterprise
 * qualifications into a DuckDB star schema. {@code main} is the command line; commands that run
 * jobs start this Spring Boot application, which finds its beans in every package of the product
 * (it lives with the command line that starts it, so that no package depends on the root).
 */
@SpringBootApplication(scanBasePackages = "cq.talentwarehouse")
@EnableConfigurationProperties(TalentProperties.class)
public class TalentWarehouseApplication {

	/** Set by Spring's AOT processor while it generates the context at build time (spring-boot-maven-plugin process-aot). */
	private static final String AOT_PROCESSING = "spring.aot.processing";

	public static void main(String[] args) {
		if (Boolean.getBoolean(AOT_PROCESSING)) {
			// mvn package's Spring AOT step: it needs the context `run` starts, not a command and its exit
			SpringContext.start(List.of(args));
			return;
		}
		// a cron line's run in the launcher's light JVM is handed over before the command line's
		// classes load (their verification pulls in picocli from the class path's jars)
		OptionalInt handed = HandoffOnly.tryQuickly(args);
		if (handed.isPresent()) {
			exitAtOnce(handed.getAsInt());
		}
		System.exit(TalentCommand.commandLine(args).execute(args));
	}

	/**
	 * Ends the light JVM with its output flushed but without {@code System.exit}: on Java 21+ that
	 * asks a {@code System.Logger} whether to log the exit, and finding the logger's provider opens
	 * every jar of the class path — most of what is left of this JVM's life. Nothing here needs a
	 * shutdown hook: no Spring context, database or file was opened.
	 */
	private static void exitAtOnce(int status) {
		System.out.flush();
		System.err.flush();
		Runtime.getRuntime().halt(status);
	}

}
