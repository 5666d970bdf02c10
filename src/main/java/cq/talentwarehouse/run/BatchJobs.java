package cq.talentwarehouse.run;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/** Starting or resuming the run's Spring Batch jobs, and the sentence that says why one failed. */
final class BatchJobs {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	BatchJobs(JobOperator jobOperator, JobRepository jobRepository) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
	}

	/**
	 * Starts a job, or on resume continues its instance: a completed one is returned as it is, an
	 * interrupted one (still marked started after a kill) is first recovered, a failed one restarts
	 * from its last committed chunk, one whose instance was created but not its execution starts.
	 */
	JobExecution launch(Job job, JobParameters parameters, boolean resume) throws Exception {
		if (resume) {
			JobExecution last = this.jobRepository.getLastJobExecution(job.getName(), parameters);
			if (last != null) {
				if (last.getStatus() == BatchStatus.COMPLETED) {
					return last;
				}
				if (last.getStatus().isRunning()) {
					last = this.jobOperator.recover(last);
				}
				return this.jobOperator.restart(last);
			}
			// killed between creating the job instance and its first execution (two writes): nothing of
			// it ran, and Spring Batch would refuse to start an instance without executions
			JobInstance started = this.jobRepository.getJobInstance(job.getName(), parameters);
			if (started != null) {
				this.jobRepository.deleteJobInstance(started);
			}
		}
		return this.jobOperator.start(job, parameters);
	}

	/** The first failure's own message: a SourceException already reads as a sentence for operators. */
	static String failureMessage(JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			for (Throwable t : step.getFailureExceptions()) {
				return RunFailures.rootMessage(t);
			}
		}
		for (Throwable t : execution.getAllFailureExceptions()) {
			return RunFailures.rootMessage(t);
		}
		return "job ended " + execution.getStatus();
	}

}
