package cq.talentwarehouse.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import cq.talentwarehouse.normalize.value.TextNormalizer;

/**
 * The reference seeds the normalizer needs, parsed from a {@link Seeds} set — the same files the
 * warehouse loads, so the two never disagree.
 */
public final class ReferenceData {

	/** Seed files loaded into the warehouse, in load order. */
	public static final List<String> SEED_FILES = List.of("districts", "district_code_lineage", "talent_categories",
			"education_levels", "professional_titles", "skill_levels", "talent_levels", "platform_types",
			"platform_levels", "qualification_types", "talent_programmes", "programme_tiers", "reported_indicators",
			"plan_targets");

	/** Vocabulary seeds, keyed by the name {@code SourceKind} fields refer to. */
	public static final List<String> VOCABULARIES = List.of("talent_categories", "education_levels",
			"professional_titles", "skill_levels", "talent_levels", "platform_types", "platform_levels",
			"qualification_types", "talent_programmes", "programme_tiers");

	private final Districts districts;

	private final Map<String, Vocabulary> vocabularies;

	private ReferenceData(Districts districts, Map<String, Vocabulary> vocabularies) {
		this.districts = districts;
		this.vocabularies = vocabularies;
	}

	private static volatile ReferenceData bundled;

	/** The seeds bundled with this build (cached: they never change while the JVM runs). */
	public static ReferenceData bundled() {
		ReferenceData r = bundled;
		if (r == null) {
			synchronized (ReferenceData.class) {
				r = bundled;
				if (r == null) {
					r = load(Seeds.bundled());
					bundled = r;
				}
			}
		}
		return r;
	}

	public Districts districts() {
		return this.districts;
	}

	public Vocabulary vocabulary(String name) {
		Vocabulary v = this.vocabularies.get(name);
		if (v == null) {
			throw new IllegalArgumentException("no vocabulary seed named " + name);
		}
		return v;
	}

	public static InputStream open(String seed) {
		InputStream in = ReferenceData.class.getResourceAsStream("/seeds/" + seed + ".csv");
		if (in == null) {
			throw new IllegalStateException("seed seeds/" + seed + ".csv is missing from the build");
		}
		return in;
	}

	public static List<CSVRecord> read(String seed) {
		return read(Seeds.bundled(), seed);
	}

	static List<CSVRecord> read(Seeds seeds, String seed) {
		try (Reader reader = new InputStreamReader(seeds.open(seed), StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + seeds.label(seed) + ": " + ex.getMessage(), ex);
		}
	}

	static ReferenceData load(Seeds seeds) {
		Map<String, String> districtNames = new LinkedHashMap<>();
		Map<String, String> districtKeys = new HashMap<>();
		for (CSVRecord r : read(seeds, "districts")) {
			String code = r.get("district_code");
			districtNames.put(code, r.get("district_name"));
			districtKeys.put(TextNormalizer.key(r.get("district_name")), code);
			districtKeys.put(TextNormalizer.key(r.get("short_name")), code);
			for (String alias : r.get("aliases").split("\\|")) {
				if (!alias.isBlank()) {
					districtKeys.put(TextNormalizer.key(alias), code);
				}
			}
		}
		Map<String, Vocabulary> vocabularies = new HashMap<>();
		for (String seed : VOCABULARIES) {
			Map<String, String> codeByKey = new HashMap<>();
			Map<String, String> nameByCode = new LinkedHashMap<>();
			for (CSVRecord r : read(seeds, seed)) {
				String code = r.get(0);
				String name = r.get(1);
				nameByCode.put(code, name);
				codeByKey.put(TextNormalizer.key(code), code);
				codeByKey.put(TextNormalizer.key(name), code);
				for (String synonym : r.get("synonyms").split("\\|")) {
					if (!synonym.isBlank()) {
						codeByKey.put(TextNormalizer.key(synonym), code);
					}
				}
			}
			vocabularies.put(seed, new Vocabulary(seed, codeByKey, nameByCode));
		}
		return new ReferenceData(new Districts(districtNames, districtKeys), Map.copyOf(vocabularies));
	}

}
