package cq.talentwarehouse.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The empty warehouse the build writes ({@code mvn package}, pom.xml: the bundled seeds and every
 * migration applied by Flyway, no facts), from which the first load's working copy starts instead of
 * creating the schema on a new file. A copy is used only when its schema history records exactly the
 * bundled migrations; a missing, unreadable or stale one is reported and Flyway creates the schema
 * as before.
 */
public final class EmptyWarehouse {

	private static final Logger log = LoggerFactory.getLogger(EmptyWarehouse.class);

	/** Where the build puts it on the class path (inside the jar). */
	static final String RESOURCE = "warehouse/empty.duckdb";

	private final Resource template;

	private EmptyWarehouse(Resource template) {
		this.template = template;
	}

	/** The one the build bundled. */
	static EmptyWarehouse bundled() {
		return new EmptyWarehouse(new ClassPathResource(RESOURCE, EmptyWarehouse.class.getClassLoader()));
	}

	/** Another file as the template (tests of a missing, damaged or outdated one). */
	static EmptyWarehouse at(Resource template) {
		return new EmptyWarehouse(template);
	}

	/**
	 * Copies the template to {@code file} (which must not exist) and opens it. The connection is
	 * returned when the copy holds the schema of {@code bundled}: its history then says the migrations
	 * were installed now, as Flyway on a new file would have recorded. Otherwise the reason is logged,
	 * the copy removed and null returned. A failure to write the copy (a full disk) is thrown, as for a
	 * copy of a published file.
	 */
	Connection openCopy(Path file, List<SchemaHistory.Script> bundled) throws IOException {
		if (!this.template.exists()) {
			log.warn("no empty warehouse bundled ({}, written by mvn package): creating the schema with Flyway",
					this.template.getDescription());
			return null;
		}
		try (InputStream in = this.template.getInputStream()) {
			Files.copy(in, file);
		}
		String problem;
		Connection connection = null;
		try {
			connection = DuckDb.openReadWrite(file);
			if (SchemaHistory.isCurrent(connection, bundled)) {
				try (Statement s = connection.createStatement()) {
					s.execute("update ops.schema_history set installed_on = current_timestamp");
				}
				return connection;
			}
			problem = "its schema history does not match the bundled migrations (built from other SQL files)";
		}
		catch (SQLException ex) {
			problem = "it cannot be read (" + ex.getMessage() + ")";
		}
		DuckDb.closeQuietly(connection);
		log.warn("the bundled empty warehouse ({}) is not used: {}; creating the schema with Flyway",
				this.template.getDescription(), problem);
		Files.deleteIfExists(file);
		Files.deleteIfExists(Path.of(file + ".wal"));
		return null;
	}

	/**
	 * The build step: writes the empty warehouse to {@code args[0]} from the seeds and migrations on
	 * the class path, in the storage format every published file has ({@link DuckDb#STORAGE_COMPATIBILITY}).
	 */
	public static void main(String[] args) throws Exception {
		Path target = Path.of(args[0]).toAbsolutePath();
		Path scratch = Files.createTempDirectory("talent-empty-warehouse");
		try {
			Path file = scratch.resolve("talent.duckdb");
			try (Connection connection = DuckDb.openReadWrite(file)) {
				// as a load prepares a new file: seeds first (views read seed tables), then the migrations
				WarehouseBuilder.loadSeeds(connection, scratch.resolve("seeds"));
				WarehouseBuilder.migrate(connection);
				try (Statement s = connection.createStatement()) {
					s.execute("checkpoint");
				}
			}
			Files.createDirectories(target.getParent());
			// renamed when complete: a build stopped half-way leaves no half-written template
			Path partial = Path.of(target + ".partial");
			Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			try (Stream<Path> files = Files.walk(scratch)) {
				files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

}
