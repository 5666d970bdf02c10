package cq.talentwarehouse.stage;

import java.util.Map;

import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * The threads a district's sources stage on side by side ({@code districtStageJob}'s split). Each
 * carries the job's execution, so that the job-scoped steps resolve there as on the job's thread,
 * and the run's log context.
 */
final class SourceFlows {

	private SourceFlows() {
	}

	static TaskExecutor executor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("district-sources-");
		executor.setTaskDecorator(SourceFlows::withJobContext);
		return executor;
	}

	private static Runnable withJobContext(Runnable flow) {
		JobExecution job = JobSynchronizationManager.getContext().getJobExecution();
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		return () -> {
			JobSynchronizationManager.register(job);
			if (logContext != null) {
				MDC.setContextMap(logContext);
			}
			try {
				flow.run();
			}
			finally {
				MDC.clear();
				JobSynchronizationManager.release();
			}
		};
	}

}
