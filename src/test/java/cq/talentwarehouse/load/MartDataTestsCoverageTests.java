package cq.talentwarehouse.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every analyst view has a data test of its grain in sql/tests/ (they run on every load). */
class MartDataTestsCoverageTests {

	@Test
	void everyMartViewHasAGrainTest() throws Exception {
		// given the views sql/marts creates
		List<String> views;
		try (Stream<Path> files = Files.list(Path.of("sql/marts"))) {
			views = files.map(MartDataTestsCoverageTests::viewName).filter((v) -> v != null).sorted().toList();
		}
		assertThat(views).hasSizeGreaterThanOrEqualTo(13);
		// then each has sql/tests/mart_<view>_grain.sql, reading that view
		for (String view : views) {
			Path test = Path.of("sql/tests/mart_" + view + "_grain.sql");
			assertThat(test).as("the data test of mart.%s", view).exists();
			assertThat(Files.readString(test)).contains("from mart." + view);
		}
	}

	private static String viewName(Path file) {
		try {
			Matcher m = Pattern.compile("create or replace view mart\\.(\\w+)").matcher(Files.readString(file));
			return m.find() ? m.group(1) : null;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
