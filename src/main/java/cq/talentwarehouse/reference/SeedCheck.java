package cq.talentwarehouse.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import cq.talentwarehouse.normalize.value.Quantities;
import cq.talentwarehouse.normalize.value.TextNormalizer;

/**
 * Checks the reference seeds the normalizer and the warehouse share: each file parses, has its
 * columns, unique codes, no synonym pointing at two codes, valid dates and district codes, and
 * every reported indicator names a known district. Problems read {@code seeds/file.csv:line: message}.
 */
public final class SeedCheck {

	private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
			Map.entry("districts", List.of("district_code", "district_name", "short_name", "region", "valid_from",
					"valid_to", "population_10k", "population_year", "aliases")),
			Map.entry("district_code_lineage", List.of("historical_code", "historical_name", "current_codes")),
			Map.entry("talent_categories", List.of("category_code", "category_name", "category_group", "synonyms")),
			Map.entry("education_levels", List.of("education_code", "education_name", "rank", "synonyms")),
			Map.entry("professional_titles", List.of("title_code", "title_name", "rank", "synonyms")),
			Map.entry("skill_levels", List.of("skill_code", "skill_name", "rank", "is_high_skill", "synonyms")),
			Map.entry("talent_levels", List.of("level_code", "level_name", "rank", "is_high_level", "synonyms")),
			Map.entry("platform_types", List.of("platform_type_code", "platform_type_name", "synonyms")),
			Map.entry("platform_levels", List.of("platform_level_code", "platform_level_name", "rank", "synonyms")),
			Map.entry("qualification_types", List.of("qualification_code", "qualification_name", "qualification_family",
					"tier", "rank", "is_specialized", "synonyms")),
			Map.entry("talent_programmes", List.of("programme_code", "programme_name", "programme_level", "unit", "synonyms")),
			Map.entry("programme_tiers", List.of("tier_code", "tier_name", "programme_code", "rank", "synonyms")),
			Map.entry("reported_indicators", List.of("indicator_id", "district_code", "indicator", "as_of", "qualifier",
					"reported_value", "computable", "article_file", "sentence", "reason")),
			Map.entry("plan_targets", List.of("target_id", "district_code", "indicator", "baseline_date", "target_date",
					"target_kind", "qualifier", "target_value", "unit", "computable", "reason", "article_file", "sentence")));

	private SeedCheck() {
	}

	/** Checks the seeds of a folder (a checkout's {@code seeds/}) or, when null or missing, those bundled in the jar. */
	public static List<FileProblem> check(Path folder) {
		return check(Seeds.at(folder));
	}

	public static List<FileProblem> check(Seeds seeds) {
		List<FileProblem> problems = new ArrayList<>();
		Set<String> districtCodes = new HashSet<>();
		Set<String> programmeCodes = new HashSet<>();
		for (String seed : ReferenceData.SEED_FILES) {
			Path label = seeds.label(seed);
			List<CSVRecord> records;
			List<String> header;
			try (Reader reader = new InputStreamReader(seeds.open(seed), StandardCharsets.UTF_8);
					CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				header = parser.getHeaderNames();
				records = parser.getRecords();
			}
			catch (java.nio.file.NoSuchFileException ex) {
				problems.add(new FileProblem(label, 0, "missing: every seed file must be in the seeds folder (copy it"
						+ " from the project's seeds/)"));
				continue;
			}
			catch (IOException | RuntimeException ex) {
				problems.add(new FileProblem(label, 0, "cannot read: " + ex.getMessage()));
				continue;
			}
			List<String> missing = new ArrayList<>(REQUIRED.get(seed));
			missing.removeAll(header);
			if (!missing.isEmpty()) {
				problems.add(new FileProblem(label, 1, "missing column(s) " + missing));
				continue;
			}
			checkRows(seed, label, header, records, districtCodes, programmeCodes, problems);
		}
		return problems;
	}

	private static void checkRows(String seed, Path label, List<String> header, List<CSVRecord> records,
			Set<String> districtCodes, Set<String> programmeCodes, List<FileProblem> problems) {
		boolean vocabulary = ReferenceData.VOCABULARIES.contains(seed);
		Set<String> codes = new HashSet<>();
		Map<String, String> synonymOwner = new HashMap<>();
		for (CSVRecord r : records) {
			// records hold no line breaks in these seeds, so record n sits on line n + 1
			int line = (int) r.getRecordNumber() + 1;
			if (r.size() != header.size()) {
				problems.add(new FileProblem(label, line, r.size() + " fields where the header has " + header.size()));
				continue;
			}
			String code = r.get(0);
			if (code.isBlank()) {
				problems.add(new FileProblem(label, line, "empty " + header.get(0)));
			}
			else if (!seed.equals("district_code_lineage") && !codes.add(code)) {
				problems.add(new FileProblem(label, line, "duplicate " + header.get(0) + " '" + code + "'"));
			}
			if (vocabulary) {
				for (String synonym : (r.get(1) + "|" + r.get("synonyms")).split("\\|")) {
					String key = TextNormalizer.key(synonym);
					if (key == null) {
						continue;
					}
					String owner = synonymOwner.putIfAbsent(key, code);
					if (owner != null && !owner.equals(code)) {
						problems.add(new FileProblem(label, line, "synonym '" + synonym + "' of " + code
								+ " already names " + owner + "; a value must map to one code"));
					}
				}
			}
			switch (seed) {
				case "districts" -> {
					if (!code.matches("5\\d{5}")) {
						problems.add(new FileProblem(label, line, "district_code '" + code + "' is not a Chongqing GB/T 2260 code"));
					}
					districtCodes.add(code);
					date(label, line, "valid_from", r.get("valid_from"), false, problems);
					date(label, line, "valid_to", r.get("valid_to"), true, problems);
					population(label, line, r, problems);
					if (!List.of("主城都市区", "渝东北", "渝东南").contains(r.get("region"))) {
						problems.add(new FileProblem(label, line, "region '" + r.get("region")
								+ "' is not one of 主城都市区, 渝东北, 渝东南"));
					}
				}
				case "talent_programmes" -> {
					programmeCodes.add(code);
					if (!List.of("municipal", "district").contains(r.get("programme_level"))) {
						problems.add(new FileProblem(label, line, "programme_level '" + r.get("programme_level")
								+ "' is not municipal or district"));
					}
				}
				case "programme_tiers" -> {
					// the staging check of a record's tier against its programme relies on this prefix
					if (!programmeCodes.contains(r.get("programme_code"))) {
						problems.add(new FileProblem(label, line, "programme_code '" + r.get("programme_code")
								+ "' is not in seeds/talent_programmes.csv"));
					}
					else if (!code.startsWith(r.get("programme_code") + ".")) {
						problems.add(new FileProblem(label, line, "tier_code '" + code + "' must start with its programme_code '"
								+ r.get("programme_code") + ".'"));
					}
					if (!r.get("rank").matches("\\d+")) {
						problems.add(new FileProblem(label, line, "rank '" + r.get("rank") + "' is not a whole number"));
					}
				}
				case "reported_indicators" -> {
					if (!districtCodes.contains(r.get("district_code"))) {
						problems.add(new FileProblem(label, line, "district_code '" + r.get("district_code")
								+ "' is not in seeds/districts.csv"));
					}
					date(label, line, "as_of", r.get("as_of"), false, problems);
					if (!List.of("exact", "at_least", "approximately").contains(r.get("qualifier"))) {
						problems.add(new FileProblem(label, line, "qualifier '" + r.get("qualifier")
								+ "' is not exact, at_least or approximately"));
					}
					if (Quantities.parse(r.get("reported_value")) == null) {
						problems.add(new FileProblem(label, line, "reported_value '" + r.get("reported_value") + "' is not a number"));
					}
					String why = r.isSet("reason") ? r.get("reason") : "";
					if ("false".equals(r.get("computable")) && why.isBlank()) {
						problems.add(new FileProblem(label, line, "indicator '" + r.get("indicator_id")
								+ "' is not computable and gives no reason: name the feed it needs in `reason`"));
					}
					else if (!List.of("true", "false").contains(r.get("computable"))) {
						problems.add(new FileProblem(label, line, "computable '" + r.get("computable") + "' is not true or false"));
					}
				}
				case "plan_targets" -> {
					if (!districtCodes.contains(r.get("district_code"))) {
						problems.add(new FileProblem(label, line, "district_code '" + r.get("district_code")
								+ "' is not in seeds/districts.csv"));
					}
					date(label, line, "baseline_date", r.get("baseline_date"), false, problems);
					date(label, line, "target_date", r.get("target_date"), false, problems);
					if (!List.of("increase", "increase_pct", "level").contains(r.get("target_kind"))) {
						problems.add(new FileProblem(label, line, "target_kind '" + r.get("target_kind")
								+ "' is not increase, increase_pct or level"));
					}
					if (!List.of("exact", "at_least", "approximately").contains(r.get("qualifier"))) {
						problems.add(new FileProblem(label, line, "qualifier '" + r.get("qualifier")
								+ "' is not exact, at_least or approximately"));
					}
					if (Quantities.parse(r.get("target_value")) == null) {
						problems.add(new FileProblem(label, line, "target_value '" + r.get("target_value") + "' is not a number"));
					}
					if (!List.of("true", "false").contains(r.get("computable"))) {
						problems.add(new FileProblem(label, line, "computable '" + r.get("computable") + "' is not true or false"));
					}
					else if (r.get("computable").equals("false") && (!r.isSet("reason") || r.get("reason").isBlank())) {
						problems.add(new FileProblem(label, line, "a target that is not computable needs its reason (which feed is missing)"));
					}
				}
				default -> {
				}
			}
		}
	}

	/** A population is a figure with its year and its source, or all three are empty (unknown, never estimated). */
	private static void population(Path label, int line, CSVRecord r, List<FileProblem> problems) {
		String value = r.get("population_10k");
		String year = r.get("population_year");
		String source = r.isMapped("population_source") ? r.get("population_source") : "";
		if (value.isBlank()) {
			if (!year.isBlank() || !source.isBlank()) {
				problems.add(new FileProblem(label, line, "population_year or population_source given without"
						+ " population_10k; leave all three empty when the population is unknown"));
			}
			return;
		}
		java.math.BigDecimal number = Quantities.parse(value);
		if (number == null || number.signum() <= 0) {
			problems.add(new FileProblem(label, line, "population_10k '" + value + "' is not a number of 万 residents"));
		}
		if (!year.matches("(19|20)[0-9]{2}")) {
			problems.add(new FileProblem(label, line, "population_10k needs its population_year (yyyy), not '" + year + "'"));
		}
		if (source.isBlank()) {
			problems.add(new FileProblem(label, line, "population_10k needs its population_source (the statistical"
					+ " yearbook or bulletin it comes from); a figure without a source is not loaded"));
		}
	}

	private static void date(Path label, int line, String column, String value, boolean optional,
			List<FileProblem> problems) {
		if (value.isBlank() && optional) {
			return;
		}
		try {
			LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			problems.add(new FileProblem(label, line, column + " '" + value + "' is not a date (yyyy-mm-dd)"));
		}
	}

}
