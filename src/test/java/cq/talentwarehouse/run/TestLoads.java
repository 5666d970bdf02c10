package cq.talentwarehouse.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.TalentWarehouseApplication;
import cq.talentwarehouse.load.DuckDb;

/** Runs loads in this JVM against folders of a test, and reads the warehouses they publish. */
final class TestLoads {

	private TestLoads() {
	}

	record Result(int exit, String output) {
	}

	static List<String> arguments(Path pipelines, Path landing, Path warehouse, Path keyFile) {
		return List.of("--talent.warehouse=" + warehouse, "--talent.pipelines=" + pipelines, "--talent.landing=" + landing,
				"--talent.pseudonym-key-file=" + keyFile,
				"--spring.datasource.url=jdbc:h2:file:" + warehouse.toAbsolutePath().getParent().resolve("job-repository"));
	}

	static Result run(List<String> arguments) throws Exception {
		return with(arguments, (load) -> {
			try {
				return load.run(Set.of(), TestLoads.out.get());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** A run that reloads every snapshot, changed or not. */
	static Result runForced(List<String> arguments) throws Exception {
		return with(arguments, (load) -> {
			try {
				return load.run(Set.of(), true, TestLoads.out.get());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	static Result restart(List<String> arguments) throws Exception {
		return with(arguments, (load) -> {
			try {
				return load.restart(TestLoads.out.get());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static final ThreadLocal<PrintStream> out = new ThreadLocal<>();

	private static Result with(List<String> arguments, ToIntFunction<LoadRun> action) {
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new));
				PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
			out.set(print);
			int exit = action.applyAsInt(context.getBean(LoadRun.class));
			return new Result(exit, buffer.toString(StandardCharsets.UTF_8));
		}
		finally {
			out.remove();
		}
	}

	static List<List<String>> rows(Path warehouse, String sql) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		try (Connection c = DuckDb.openReadOnly(warehouse); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(sql)) {
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= n; i++) {
					row.add(rs.getString(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	/** Every mart an analyst reads, as text: equal texts mean equal warehouses for them. */
	static String marts(Path warehouse) throws Exception {
		StringBuilder b = new StringBuilder();
		for (String view : List.of("district_talent_totals", "district_enterprise_counts", "district_indicators",
				"reported_vs_computed")) {
			b.append(view).append('\n');
			for (List<String> row : rows(warehouse, "select * from mart." + view + " order by all")) {
				b.append(row).append('\n');
			}
		}
		return b.toString();
	}

}
