package cq.talentwarehouse;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import cq.talentwarehouse.cli.TalentCommand;

/**
 * Talent Warehouse: loads Chongqing districts' talent rosters, innovation platforms and enterprise
 * qualifications into a DuckDB star schema. {@code main} is the command line; commands that run
 * jobs start this Spring Boot application.
 */
@SpringBootApplication
@EnableConfigurationProperties(TalentProperties.class)
public class TalentWarehouseApplication {

	public static void main(String[] args) {
		System.exit(TalentCommand.execute(args));
	}

}
