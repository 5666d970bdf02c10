package cq.talentwarehouse.run;

import java.util.Map;
import java.util.concurrent.Callable;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.slf4j.MDC;

/**
 * The logging context of a run: {@code run_id}, {@code district} and {@code step} in the MDC, so
 * that every line logged inside a run carries them (structured JSON logs add the MDC to each line).
 * The MDC is per thread, and a run stages districts on a pool and prepares the working copy on a
 * thread of its own: those tasks are wrapped to carry the run's context over.
 */
public final class RunLogContext {

	public static final String RUN_ID = "run_id";

	public static final String DISTRICT = "district";

	public static final String STEP = "step";

	private RunLogContext() {
	}

	/** A task that runs with the caller's MDC, plus {@code district} when not null. */
	public static <T> Callable<T> carry(String district, Callable<T> task) {
		Map<String, String> context = MDC.getCopyOfContextMap();
		return () -> {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			set(context);
			if (district != null) {
				MDC.put(DISTRICT, district);
			}
			try {
				return task.call();
			}
			finally {
				set(previous);
			}
		};
	}

	/** A runnable that runs with the caller's MDC. */
	public static Runnable carry(Runnable task) {
		Callable<Void> callable = carry(null, () -> {
			task.run();
			return null;
		});
		return () -> {
			try {
				callable.call();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

	private static void set(Map<String, String> context) {
		if (context == null) {
			MDC.clear();
		}
		else {
			MDC.setContextMap(context);
		}
	}

	/**
	 * Puts the name of the running Spring Batch step into the MDC while it runs (on the thread that
	 * runs it) and restores what was there after.
	 */
	public static ObservationHandler<Observation.Context> stepHandler() {
		return new StepHandler();
	}

	private static final class StepHandler implements ObservationHandler<Observation.Context> {

		private static final String PREVIOUS = StepHandler.class.getName() + ".previous";

		@Override
		public void onStart(Observation.Context context) {
			var name = context.getLowCardinalityKeyValue("spring.batch.step.name");
			if (name == null) {
				return;
			}
			String previous = MDC.get(STEP);
			context.put(PREVIOUS, (previous != null) ? previous : "");
			MDC.put(STEP, name.getValue());
		}

		@Override
		public void onStop(Observation.Context context) {
			String previous = context.get(PREVIOUS);
			if (previous == null) {
				return;
			}
			if (previous.isEmpty()) {
				MDC.remove(STEP);
			}
			else {
				MDC.put(STEP, previous);
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return "spring.batch.step".equals(context.getName());
		}

	}

}
