package cq.talentwarehouse.stage;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * Where a district's sources stage ({@code districtStageJob}'s split): side by side on threads of
 * their own while fewer district jobs run than there are cores (a night's one district), else one
 * after another on the job's thread, as the other jobs keep the cores busy. A thread of its own
 * carries the job's execution, so that the job-scoped steps resolve there as on the job's thread,
 * and the run's log context.
 */
final class SourceFlows implements JobExecutionListener {

	/** District jobs running in this process. */
	private static final AtomicInteger RUNNING = new AtomicInteger();

	static final SourceFlows JOBS = new SourceFlows();

	private SourceFlows() {
	}

	static TaskExecutor executor() {
		SimpleAsyncTaskExecutor beside = new SimpleAsyncTaskExecutor("district-sources-");
		beside.setTaskDecorator(SourceFlows::withJobContext);
		return (flow) -> {
			if (RUNNING.get() < Runtime.getRuntime().availableProcessors()) {
				beside.execute(flow);
			}
			else {
				flow.run();
			}
		};
	}

	@Override
	public void beforeJob(JobExecution job) {
		RUNNING.incrementAndGet();
	}

	@Override
	public void afterJob(JobExecution job) {
		RUNNING.decrementAndGet();
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
