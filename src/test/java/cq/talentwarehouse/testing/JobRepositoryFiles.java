package cq.talentwarehouse.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A real Spring Batch job repository in an H2 file, outside a Spring context: for the tests of what
 * the run does with its jobs when a process is killed or stopped.
 */
public final class JobRepositoryFiles {

	private JobRepositoryFiles() {
	}

	/** An H2 file at {@code url} with Spring Batch's schema, on one connection kept open as the pool keeps them (H2 stores everything when its last one closes). */
	public static SingleConnectionDataSource dataSource(String url) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
		new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-h2.sql"))
			.execute(dataSource);
		return dataSource;
	}

	/** As {@link #dataSource(String)}, a file {@code job-repository} in {@code dir}. */
	public static SingleConnectionDataSource dataSource(Path dir) {
		return dataSource("jdbc:h2:file:" + dir.resolve("job-repository"));
	}

	/**
	 * As {@link #dataSource(Path)}, but a connection per thread, as the application's pool gives: jobs
	 * staged on two threads at once must not share one connection's transaction.
	 */
	public static HikariDataSource pooledDataSource(Path dir) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("job-repository"));
		pool.setUsername("sa");
		pool.setMaximumPoolSize(4);
		new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-h2.sql")).execute(pool);
		return pool;
	}

	/** Spring Batch's JDBC job repository over {@code dataSource}. */
	public static JobRepository repository(DataSource dataSource) throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	/** A job operator that runs jobs on the calling thread, as the run's staging threads do. */
	public static TaskExecutorJobOperator operator(JobRepository repository) throws Exception {
		TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
		operator.setJobRepository(repository);
		operator.setJobRegistry(new MapJobRegistry());
		operator.afterPropertiesSet();
		return operator;
	}

	/** How many times H2 has written to the file since it was opened. */
	public static long fileWrites(DataSource dataSource) throws Exception {
		try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
				ResultSet rows = s.executeQuery(
						"select setting_value from information_schema.settings where setting_name = 'info.FILE_WRITE'")) {
			rows.next();
			return Long.parseLong(rows.getString(1));
		}
	}

}
