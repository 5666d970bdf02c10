package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.serve.ServeException;
import cq.talentwarehouse.serve.ServeState;
import cq.talentwarehouse.serve.ServeTarget;
import cq.talentwarehouse.serve.WarehouseServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Serve the published warehouse on PostgreSQL now; every publish does this when TALENT_SERVE_URL is set.",
				"What is served: the mart views as tables of schema mart, the dashboard's ops tables, read-only roles with row-level security.",
				"Server: TALENT_SERVE_URL (jdbc:postgresql://host:port/db), TALENT_SERVE_USER, and TALENT_SERVE_PASSWORD or",
				"TALENT_SERVE_PASSWORD_FILE. Exit 0: served; 1: nothing to serve or not configured; 5: not served (see the message).",
				"With --grant-login: make an existing login a member of a district's read role (or of the all-districts role)." })
class ServeCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	PublishedWarehouse warehouse;

	@Option(names = "--grant-login", paramLabel = "LOGIN",
			description = "Grant this existing PostgreSQL login the read role of --district instead of serving.")
	String grantLogin;

	@Option(names = "--district", paramLabel = "CODE|all",
			description = "With --grant-login: the district's GB/T 2260 code (e.g. 500116), or all for every district and ops.")
	String district;

	@Override
	public Integer call() {
		if ((this.grantLogin == null) != (this.district == null)) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "--grant-login and --district go together");
		}
		quietLogging();
		TalentProperties properties = Binder.get(new StandardEnvironment()).bindOrCreate("talent", TalentProperties.class);
		properties.setWarehouse(this.warehouse.file.toAbsolutePath());
		if (!properties.getServe().isConfigured()) {
			System.err.println("No serving database configured: set TALENT_SERVE_URL (jdbc:postgresql://host:port/database),"
					+ " TALENT_SERVE_USER and TALENT_SERVE_PASSWORD or TALENT_SERVE_PASSWORD_FILE.");
			return 1;
		}
		if (!Files.exists(this.warehouse.file)) {
			System.err.println("No published warehouse at " + this.warehouse.file + " yet: run `run` first.");
			return 1;
		}
		if (this.grantLogin != null) {
			try {
				ServeTarget target = ServeTarget.of(properties.getServe());
				String role = new WarehouseServer(target, properties.workDir()).grantLogin(this.warehouse.file, this.grantLogin,
						this.district);
				System.out.println("Granted " + role + " to " + this.grantLogin + " on " + target.describe() + ".");
				return 0;
			}
			catch (ServeException ex) {
				System.err.println(ex.getMessage());
				return 1;
			}
		}
		ServeState state = WarehouseServer.servePublished(properties, System.out);
		return state.served() ? 0 : LoadRun.PUBLISHED_NOT_SERVED;
	}

	/**
	 * Without Spring (serve starts none, to stay quick) logback would log everything at DEBUG; the
	 * application's own levels instead: warnings, and the serve's timings with
	 * -Dlogging.level.cq.talentwarehouse.serve=DEBUG.
	 */
	private static void quietLogging() {
		if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
			context.getLogger("cq.talentwarehouse").setLevel(ch.qos.logback.classic.Level.toLevel(
					System.getProperty("logging.level.cq.talentwarehouse.serve"), ch.qos.logback.classic.Level.INFO));
		}
	}

}
