package cq.talentwarehouse.cli;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.TalentWarehouseApplication;

/** Starts the batch application only for the commands that run jobs; queries stay light. */
final class SpringContext {

	/** The Spring profile of a {@code schedule} process. */
	static final String SCHEDULE_PROFILE = "schedule";

	private SpringContext() {
	}

	static ConfigurableApplicationContext start(List<String> arguments) {
		return start(arguments, true);
	}

	/** Without Spring's shutdown hook the caller decides when the context (and the job repository) closes. */
	static ConfigurableApplicationContext start(List<String> arguments, boolean shutdownHook) {
		return start(arguments, shutdownHook, WebApplicationType.NONE);
	}

	/** {@code schedule} runs a servlet context: its server listens only with talent.monitor.port set. */
	static ConfigurableApplicationContext start(List<String> arguments, boolean shutdownHook,
			WebApplicationType webApplicationType) {
		SpringApplication application = new SpringApplication(TalentWarehouseApplication.class);
		application.setRegisterShutdownHook(shutdownHook);
		application.setWebApplicationType(webApplicationType);
		if (webApplicationType != WebApplicationType.NONE) {
			// application.yaml: only this profile builds actuator's endpoints
			application.setAdditionalProfiles(SCHEDULE_PROFILE);
		}
		application.setLogStartupInfo(false);
		return application.run(arguments.toArray(String[]::new));
	}

}
