package cq.talentwarehouse.cli;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the batch application only for the commands that run jobs; queries stay light. */
final class SpringContext {

	/** The Spring profile of a {@code schedule} process. */
	static final String SCHEDULE_PROFILE = "schedule";

	/** Spring's switch to the context generated at build time (Spring AOT), which the launcher sets for run and restart. */
	static final String AOT_ENABLED = "spring.aot.enabled";

	/** Boot's switch for its background warm-up of web and JSON classes. */
	static final String BACKGROUND_PREINITIALIZER_IGNORE = "spring.backgroundpreinitializer.ignore";

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
		if (webApplicationType == WebApplicationType.NONE && System.getProperty(BACKGROUND_PREINITIALIZER_IGNORE) == null) {
			// Boot's background warm-up builds Tomcat, HTTP message converters and a Jackson mapper that a
			// run never uses, on a core the run's own start needs
			System.setProperty(BACKGROUND_PREINITIALIZER_IGNORE, "true");
		}
		SpringApplication application = new SpringApplication(TalentWarehouseApplication.class);
		// with spring.aot.enabled, the generated context is looked up by this class's name
		application.setMainApplicationClass(TalentWarehouseApplication.class);
		application.setRegisterShutdownHook(shutdownHook);
		application.setWebApplicationType(webApplicationType);
		if (webApplicationType != WebApplicationType.NONE) {
			// application.yaml: only this profile builds actuator's endpoints
			application.setAdditionalProfiles(SCHEDULE_PROFILE);
			// the context generated at build time is run's: no web server, and conditions decided without
			// this profile or talent.monitor.port, so the schedule builds its own at run time
			System.setProperty(AOT_ENABLED, "false");
		}
		application.setLogStartupInfo(false);
		return application.run(arguments.toArray(String[]::new));
	}

}
