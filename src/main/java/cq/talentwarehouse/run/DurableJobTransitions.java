package cq.talentwarehouse.run;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job repository with each lifecycle write on disk before it returns, and chunk progress
 * stored with H2's write delay.
 * <p>
 * A chunk's progress is written inside the chunk's transaction; losing the last half second of it
 * to a kill -9 is the same as being killed half a second earlier: the restarted step cuts its staged
 * files back to the position the repository kept and reads on from there. A lifecycle write (a job
 * instance or execution created, a step started or ended, a status changed) runs in a transaction
 * of its own, and what a restart does follows from it, while the files of a step (a staged snapshot,
 * the published warehouse) are written before its end is recorded: the window between the two stays
 * as short as a commit. So every repository write made outside a caller's transaction is followed by
 * an H2 {@code CHECKPOINT}, which stores what was committed at once, as {@code WRITE_DELAY=0} stored
 * every commit, chunks included (what that cost: docs/scaling-decisions.md).
 */
public final class DurableJobTransitions implements InvocationHandler {

	private final JobRepository repository;

	private final Supplier<DataSource> dataSource;

	/** Whether the job repository is an H2 file (null until the first write asks). */
	private volatile Boolean h2File;

	private DurableJobTransitions(JobRepository repository, Supplier<DataSource> dataSource) {
		this.repository = repository;
		this.dataSource = dataSource;
	}

	/** {@code repository} whose lifecycle writes are stored at once in the H2 file behind {@code dataSource}. */
	public static JobRepository of(JobRepository repository, Supplier<DataSource> dataSource) {
		return (JobRepository) Proxy.newProxyInstance(JobRepository.class.getClassLoader(),
				new Class<?>[] { JobRepository.class }, new DurableJobTransitions(repository, dataSource));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> "durable " + this.repository;
			};
		}
		boolean lifecycleWrite = isWrite(method) && !TransactionSynchronizationManager.isActualTransactionActive();
		Object result;
		try {
			result = method.invoke(this.repository, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		if (lifecycleWrite) {
			checkpoint(method);
		}
		return result;
	}

	private static boolean isWrite(Method method) {
		String name = method.getName();
		return name.startsWith("create") || name.startsWith("update") || name.startsWith("delete");
	}

	private void checkpoint(Method method) {
		try (Connection connection = this.dataSource.get().getConnection()) {
			Boolean isH2File = this.h2File;
			if (isH2File == null) {
				String url = connection.getMetaData().getURL();
				isH2File = url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:tcp:");
				this.h2File = isH2File;
			}
			if (isH2File) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("checkpoint");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the job repository could not store " + method.getName()
					+ " on disk: " + ex.getMessage(), ex);
		}
	}

}
