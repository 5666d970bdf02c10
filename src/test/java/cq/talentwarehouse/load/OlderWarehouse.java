package cq.talentwarehouse.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import org.flywaydb.core.Flyway;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A warehouse as an earlier release left it: the versioned migrations up to a version, and none of
 * today's repeatable views (Flyway applies repeatables whatever the target, and today's views read
 * columns the older schema does not have yet).
 */
final class OlderWarehouse {

	private OlderWarehouse() {
	}

	static void migrate(Connection connection, int version, Path folder) throws IOException {
		Files.createDirectories(folder);
		for (Resource migration : new PathMatchingResourcePatternResolver().getResources("classpath:sql/migrations/V*.sql")) {
			String name = migration.getFilename();
			if (Integer.parseInt(name.substring(1, name.indexOf("__"))) <= version) {
				try (InputStream in = migration.getInputStream()) {
					Files.copy(in, folder.resolve(name));
				}
			}
		}
		Flyway.configure()
			.dataSource(new SingleConnectionDataSource(connection, true))
			.locations("filesystem:" + folder.toAbsolutePath())
			.schemas("ops")
			.defaultSchema("ops")
			.table("schema_history")
			.load()
			.migrate();
	}

}
