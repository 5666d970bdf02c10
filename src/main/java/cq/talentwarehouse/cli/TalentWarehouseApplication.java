package cq.talentwarehouse.cli;

import java.util.List;

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
		System.exit(TalentCommand.commandLine(args).execute(args));
	}

}
