package cq.talentwarehouse.cli;

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

	public static void main(String[] args) {
		System.exit(TalentCommand.execute(args));
	}

}
