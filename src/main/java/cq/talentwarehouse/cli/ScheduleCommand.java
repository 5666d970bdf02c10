package cq.talentwarehouse.cli;

import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.schedule.NightlySchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "schedule", mixinStandardHelpOptions = true,
		description = { "Stay running and load on a Spring six-field cron (seconds first).",
				"Two loads never overlap. SIGTERM (or Ctrl-C) stops running jobs after their current chunk, to be resumed with",
				"restart; the process then exits with 143 (128 + SIGTERM, as every JVM stopped by a signal), 130 after Ctrl-C.",
				"With TALENT_MONITOR_PORT set it serves /actuator/prometheus and /actuator/health on 127.0.0.1.",
				"Exit 2: usage error (a bad cron or zone)." })
class ScheduleCommand implements Callable<Integer> {

	@Mixin
	WarehouseOptions options;

	@Option(names = "--cron", description = "Six-field cron, seconds first. Default: $TALENT_CRON or ${DEFAULT-VALUE}.",
			defaultValue = "${env:TALENT_CRON:-" + NightlySchedule.DEFAULT_CRON + "}")
	String cron;

	@Option(names = "--zone", description = "Time zone of the cron. Default: $TALENT_ZONE or ${DEFAULT-VALUE}.",
			defaultValue = "${env:TALENT_ZONE:-" + NightlySchedule.DEFAULT_ZONE + "}")
	String zone;

	@Override
	public Integer call() throws Exception {
		ZoneId zoneId;
		try {
			zoneId = ZoneId.of(this.zone);
			new org.springframework.scheduling.support.CronTrigger(this.cron, zoneId);
		}
		catch (RuntimeException ex) {
			System.err.println("error: " + ex.getMessage());
			return 2;
		}
		ConfigurableApplicationContext context = SpringContext.start(this.options.springArguments(), false,
				org.springframework.boot.WebApplicationType.SERVLET);
		NightlySchedule schedule = context.getBean(NightlySchedule.class);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			schedule.stop();
			context.close();
			stopped.countDown();
		}, "schedule-shutdown"));
		schedule.start(this.cron, zoneId, System.out);
		System.out.println("Scheduled: cron '" + this.cron + "' in " + zoneId + ". Stop with Ctrl-C or SIGTERM.");
		stopped.await();
		return 0;
	}

}
