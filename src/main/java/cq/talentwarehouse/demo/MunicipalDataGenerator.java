package cq.talentwarehouse.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;

import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.normalize.ReferenceData;
import cq.talentwarehouse.normalize.Vocabulary;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.validate.ResidentIdNumber;

/**
 * Municipal-scale benchmark data: every district valid on {@link #SNAPSHOT_DATE} (38 until
 * 2025-11-05) with a roster sized from its population, an enterprise qualification list and an
 * innovation platform list, plus the pipeline file of each — so that
 * {@code run --pipelines DIR/pipelines --landing DIR/landing} loads the whole city.
 *
 * <p>The four seed districts come from {@link DemoDataGenerator} exactly as published (whatever the
 * scale) with their pipeline files copied from the project's {@code pipelines/} folder, which is why
 * that folder must be reachable (run from the project root, or name it): the generator never
 * invents a second definition of those districts.
 *
 * <p>The other districts are plain but realistic exports: Chinese headers in one of three layouts,
 * UTF-8 with comma (some with a BOM, some CRLF), every fifth GB18030 with CRLF; about 0.5 % of a
 * roster are people also on a neighbouring district's roster; about 0.1 % extra rows break the same
 * rules as the demo's bad records, so quarantine works at scale without changing the clean counts.
 *
 * <p>Same seed and scale, same bytes: each district draws from its own {@link SplittableRandom}
 * derived from the seed and its code, people's identities are pure functions of a global index laid
 * out before any district is written, so the two writer threads cannot change a byte.
 */
public final class MunicipalDataGenerator {

	/** The day every generated (non-seed) district's snapshot is as of. */
	public static final LocalDate SNAPSHOT_DATE = LocalDate.of(2024, 12, 31);

	/**
	 * Roster people per resident: Chongqing counts roughly one in five residents in its 人才资源总量.
	 * With the median standing in for the districts without a population, the 34 generated districts
	 * hold 6.25 million people at scale 1.0 (6.76 million with the seed districts), above the 6 million
	 * the benchmark needs; 7.25 million at 1.16, the size measured before six more districts had a
	 * cited population (issue 20).
	 */
	public static final double TALENT_SHARE = 0.19;

	/** Districts the demo generator writes in their own messy styles, as their articles publish them. */
	public static final Set<String> SEED_DISTRICTS = Set.of("500116", "500110", "500114", "500241");

	/** Every n-th roster row is a person whose home roster is the previous district's. */
	static final int SHARED_EVERY = 200;

	/** One extra bad row per this many roster rows. */
	static final int BAD_EVERY = 1_000;

	/** Landing and pipeline names; a district missing here (a future code) falls back to its code. */
	private static final Map<String, String> FOLDERS = Map.ofEntries(Map.entry("500101", "wanzhou"),
			Map.entry("500102", "fuling"), Map.entry("500103", "yuzhong"), Map.entry("500104", "dadukou"),
			Map.entry("500105", "jiangbei"), Map.entry("500106", "shapingba"), Map.entry("500107", "jiulongpo"),
			Map.entry("500108", "nanan"), Map.entry("500109", "beibei"), Map.entry("500111", "dazu"),
			Map.entry("500112", "yubei"), Map.entry("500113", "banan"), Map.entry("500115", "changshou"),
			Map.entry("500117", "hechuan"), Map.entry("500118", "yongchuan"), Map.entry("500119", "nanchuan"),
			Map.entry("500120", "bishan"), Map.entry("500151", "tongliang"), Map.entry("500152", "tongnan"),
			Map.entry("500153", "rongchang"), Map.entry("500154", "kaizhou"), Map.entry("500155", "liangping"),
			Map.entry("500156", "wulong"), Map.entry("500229", "chengkou"), Map.entry("500230", "fengdu"),
			Map.entry("500231", "dianjiang"), Map.entry("500233", "zhongxian"), Map.entry("500235", "yunyang"),
			Map.entry("500236", "fengjie"), Map.entry("500237", "wushan"), Map.entry("500238", "wuxi"),
			Map.entry("500240", "shizhu"), Map.entry("500242", "youyang"), Map.entry("500243", "pengshui"));

	private MunicipalDataGenerator() {
	}

	// ---------------------------------------------------------------------------------------------
	// Plan

	/**
	 * One generated district.
	 * @param index position in code order, which picks its file layout and encoding
	 * @param population10k resident population in 万, or the median stand-in when unknown
	 * @param populationKnown whether seeds/districts.csv gives the population
	 * @param people roster rows of clean, distinct people (shared ones included)
	 * @param shared of those, people whose home roster is the previous district's
	 * @param base first global person index of this district's own people
	 * @param badRows extra rows breaking a validation rule
	 * @param badBase first global person index of people that appear only in bad rows
	 */
	public record District(int index, String code, String name, String shortName, String folder,
			BigDecimal population10k, String populationYear, boolean populationKnown, int people, int shared,
			long base, int badRows, long badBase) {

		int own() {
			return this.people - this.shared;
		}

		boolean county() {
			return this.name.endsWith("县");
		}

	}

	/**
	 * Rosters of every generated district at one scale.
	 * @param medianPopulation10k median of the known populations, used for districts without one
	 * @param knownPopulations how many districts have a population in the seed
	 */
	public record Plan(double scale, List<District> districts, BigDecimal medianPopulation10k, int knownPopulations) {

		/** Roster rows of clean people over the generated districts (a shared person counts in each). */
		public long people() {
			return this.districts.stream().mapToLong(District::people).sum();
		}

		/** Distinct clean people over the generated districts. */
		public long distinctPeople() {
			return this.districts.stream().mapToLong(District::own).sum();
		}

	}

	/**
	 * Which districts are generated and how large their rosters are: every division of
	 * seeds/districts.csv valid on {@link #SNAPSHOT_DATE} except the seed districts, in code order.
	 */
	public static Plan plan(double scale) {
		if (!(scale > 0)) {
			throw new IllegalArgumentException("scale must be more than 0, got " + scale);
		}
		List<CSVRecord> valid = new ArrayList<>();
		List<BigDecimal> known = new ArrayList<>();
		for (CSVRecord r : ReferenceData.read("districts")) {
			LocalDate from = LocalDate.parse(r.get("valid_from"));
			String to = r.get("valid_to");
			if (from.isAfter(SNAPSHOT_DATE) || (!to.isBlank() && LocalDate.parse(to).isBefore(SNAPSHOT_DATE))) {
				continue;
			}
			valid.add(r);
			if (!r.get("population_10k").isBlank()) {
				known.add(new BigDecimal(r.get("population_10k")));
			}
		}
		Collections.sort(known);
		BigDecimal median = known.isEmpty() ? BigDecimal.valueOf(50)
				: (known.size() % 2 == 1) ? known.get(known.size() / 2)
						: known.get(known.size() / 2 - 1).add(known.get(known.size() / 2)).divide(BigDecimal.valueOf(2));
		valid.sort(Comparator.comparing((CSVRecord r) -> r.get("district_code")));
		List<CSVRecord> generated = valid.stream().filter((r) -> !SEED_DISTRICTS.contains(r.get("district_code"))).toList();
		int n = generated.size();
		int[] people = new int[n];
		for (int i = 0; i < n; i++) {
			String population = generated.get(i).get("population_10k");
			BigDecimal p = population.isBlank() ? median : new BigDecimal(population);
			long size = Math.round(p.doubleValue() * 10_000 * TALENT_SHARE * scale);
			if (size > Integer.MAX_VALUE / 2) {
				throw new IllegalArgumentException("scale " + scale + " is too large: a roster of " + size + " rows");
			}
			people[i] = (int) Math.max(1, size);
		}
		List<District> districts = new ArrayList<>();
		long base = 0;
		for (int i = 0; i < n; i++) {
			// the person borrowed from the previous district must be one of its own, so never more than half
			int source = (i + n - 1) % n;
			int shared = (n < 2) ? 0 : Math.min(people[i] / SHARED_EVERY, people[source] / 2);
			CSVRecord r = generated.get(i);
			String population = r.get("population_10k");
			String code = r.get("district_code");
			districts.add(new District(i, code, r.get("district_name"), r.get("short_name"),
					FOLDERS.getOrDefault(code, "d" + code), population.isBlank() ? median : new BigDecimal(population),
					r.get("population_year"), !population.isBlank(), people[i], shared, base, people[i] / BAD_EVERY, 0));
			base += people[i] - shared;
		}
		// people who appear only in bad rows get indices after every clean one, so no bad ID is a clean ID
		List<District> withBad = new ArrayList<>();
		long badBase = base;
		for (District d : districts) {
			withBad.add(new District(d.index(), d.code(), d.name(), d.shortName(), d.folder(), d.population10k(),
					d.populationYear(), d.populationKnown(), d.people(), d.shared(), d.base(), d.badRows(), badBase));
			badBase += d.badRows();
		}
		if (badBase > Identities.SPACE) {
			throw new IllegalArgumentException("scale " + scale + " needs " + badBase + " distinct ID numbers; the"
					+ " generator's birth-date × sequence space holds " + Identities.SPACE + " (scale ≤ ~2.4)");
		}
		return new Plan(scale, List.copyOf(withBad), median, known.size());
	}

	// ---------------------------------------------------------------------------------------------
	// Generate

	/**
	 * What was written.
	 * @param districts districts with a pipeline file and a snapshot (generated and seed)
	 * @param rosterPeople clean roster rows per district code, seed districts included (a person on
	 * two rosters counts in each)
	 * @param rows data rows written in every file (headers excluded), clean and bad
	 * @param files data files written
	 * @param seconds how long it took
	 */
	public record Summary(int districts, Map<String, Long> rosterPeople, long rows, int files, double seconds) {

		public long totalRosterPeople() {
			return this.rosterPeople.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	/**
	 * Writes {@code out/landing/<folder>/<yyyy-mm-dd>/} and {@code out/pipelines/<folder>.yaml} for
	 * every district, replacing files of the same name.
	 * @param seedPipelines the project's pipeline folder holding the seed districts' pipeline files
	 */
	public static Summary generate(Path out, double scale, long seed, Path seedPipelines) {
		return generate(out, scale, seed, seedPipelines, true, 1);
	}

	/**
	 * As {@link #generate(Path, double, long, Path)}, with {@code months} monthly snapshots of every
	 * generated district ending at {@link #SNAPSHOT_DATE} (1: that snapshot only): the same people
	 * month to month, with churn ({@link Churn}). The seed districts are written once, as published.
	 */
	public static Summary generate(Path out, double scale, long seed, Path seedPipelines, int months) {
		return generate(out, scale, seed, seedPipelines, true, months);
	}

	/** As {@link #generate(Path, double, long, Path)}; without the seed districts when asked (tests). */
	static Summary generate(Path out, double scale, long seed, Path seedPipelines, boolean withSeedDistricts) {
		return generate(out, scale, seed, seedPipelines, withSeedDistricts, 1);
	}

	static Summary generate(Path out, double scale, long seed, Path seedPipelines, boolean withSeedDistricts,
			int months) {
		if (months < 1 || months > 120) {
			throw new IllegalArgumentException("a history has 1 to 120 monthly snapshots, not " + months);
		}
		long t0 = System.nanoTime();
		Plan plan = plan(scale);
		verifyVocabulary();
		Path landing = out.resolve("landing");
		Path pipelines = out.resolve("pipelines");
		Map<String, Long> people = new TreeMap<>();
		long rows = 0;
		int files = 0;
		try {
			// found before anything is written, so a wrong folder leaves no half-written output behind
			Map<String, Path> seedFiles = withSeedDistricts ? seedPipelineFiles(seedPipelines) : Map.of();
			Files.createDirectories(landing);
			LandingZone.markAsDemo(landing);
			Files.createDirectories(pipelines);
			int districts = plan.districts().size();
			if (withSeedDistricts) {
				for (Path file : seedFiles.values()) {
					Files.copy(file, pipelines.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
				DemoDataGenerator.Summary demo = DemoDataGenerator.generate(landing, seed);
				demo.cleanRosterPeople().forEach((code, n) -> people.put(code, n.longValue()));
				rows += demo.rows();
				files += demo.files();
				districts += demo.cleanRosterPeople().size();
			}
			Identities identities = new Identities(seed);
			for (District d : plan.districts()) {
				Files.writeString(pipelines.resolve(d.folder() + ".yaml"), pipelineYaml(plan, d, seed),
						StandardCharsets.UTF_8);
			}
			// largest rosters first, so the two threads finish together
			List<District> order = new ArrayList<>(plan.districts());
			order.sort(Comparator.comparingInt(District::people).reversed().thenComparing(District::code));
			int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				List<Future<long[]>> results = new ArrayList<>();
				for (int month = 0; month < months; month++) {
					int m = month;
					for (District d : order) {
						Path folder = landing.resolve(d.folder()).resolve(monthEnd(months - 1 - m).toString());
						results.add(pool.submit(
								() -> new MunicipalDistrictWriter(plan, d, identities, seed, m, months).write(folder)));
					}
				}
				for (int i = 0; i < results.size(); i++) {
					long[] written = results.get(i).get();
					District d = order.get(i % order.size());
					people.put(d.code(), (long) d.people());
					rows += written[0];
					files += (int) written[1];
				}
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				if (cause instanceof IOException io) {
					throw io;
				}
				if (cause instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException(cause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while generating", ex);
			}
			finally {
				pool.shutdownNow();
			}
			return new Summary(districts, Collections.unmodifiableMap(people), rows, files,
					(System.nanoTime() - t0) / 1e9);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write municipal data into " + out, ex);
		}
	}

	/**
	 * The seed districts' pipeline files are the project's own (they describe the demo's messy
	 * formats); copying them keeps a single definition instead of a second one drifting apart.
	 */
	static Map<String, Path> seedPipelineFiles(Path from) throws IOException {
		Path folder = from.toAbsolutePath().normalize();
		if (!Files.isDirectory(folder)) {
			throw new IllegalStateException("the seed districts' pipeline files are read from " + folder
					+ ", which does not exist: run generate from the project root (where pipelines/ is), or name"
					+ " the folder with --seed-pipelines");
		}
		Map<String, Path> found = new TreeMap<>();
		try (Stream<Path> list = Files.list(folder)) {
			for (Path file : list.filter((p) -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList()) {
				String code = PipelineCatalog.readChecked(file).district();
				if (SEED_DISTRICTS.contains(code)) {
					found.put(code, file);
				}
			}
		}
		if (!found.keySet().equals(new java.util.TreeSet<>(SEED_DISTRICTS))) {
			Set<String> missing = new java.util.TreeSet<>(SEED_DISTRICTS);
			missing.removeAll(found.keySet());
			throw new IllegalStateException("no pipeline file for seed district(s) " + missing + " in " + folder
					+ ": run generate from the project root, or name the folder with --seed-pipelines");
		}
		return found;
	}

	// ---------------------------------------------------------------------------------------------
	// File layouts: three header styles, as three kinds of district ledgers export them

	enum RosterColumn { SERIAL, NAME, GENDER, ID, CATEGORIES, EDUCATION, TITLE, SKILL, LEVEL, EMPLOYER }

	enum EnterpriseColumn { SERIAL, USCC, NAME, QUALIFICATION, DATE, CAPITAL }

	enum PlatformColumn { SERIAL, NAME, TYPE, LEVEL, HOST, DATE }

	/** Header text by canonical field, in file order; null header = a column no pipeline maps. */
	record Layout(String rosterFile, String enterpriseFile, String platformFile, RosterColumn[] roster,
			String[] rosterHeader, String separator, String separatorSetting, EnterpriseColumn[] enterprise,
			String[] enterpriseHeader, PlatformColumn[] platform, String[] platformHeader) {
	}

	private static final Layout[] LAYOUTS = {
			// 组织部 ledger exported from Excel
			new Layout("人才资源花名册.csv", "企业资质名单.csv", "创新平台名单.csv",
					new RosterColumn[] { RosterColumn.SERIAL, RosterColumn.NAME, RosterColumn.GENDER, RosterColumn.ID,
							RosterColumn.CATEGORIES, RosterColumn.EDUCATION, RosterColumn.TITLE, RosterColumn.SKILL,
							RosterColumn.LEVEL, RosterColumn.EMPLOYER },
					new String[] { "序号", "姓名", "性别", "身份证号码", "人才类别", "最高学历", "专业技术职称", "职业技能等级", "人才层次",
							"工作单位统一社会信用代码" },
					"、", "、",
					new EnterpriseColumn[] { EnterpriseColumn.SERIAL, EnterpriseColumn.USCC, EnterpriseColumn.NAME,
							EnterpriseColumn.QUALIFICATION, EnterpriseColumn.DATE },
					new String[] { "序号", "统一社会信用代码", "企业名称", "资质类别", "认定时间" },
					new PlatformColumn[] { PlatformColumn.SERIAL, PlatformColumn.NAME, PlatformColumn.TYPE,
							PlatformColumn.LEVEL, PlatformColumn.HOST, PlatformColumn.DATE },
					new String[] { "序号", "平台名称", "平台类别", "平台级别", "依托单位统一社会信用代码", "批准时间" }),
			// the 人才服务 system's export
			new Layout("人才名册.csv", "企业资质.csv", "创新平台.csv",
					new RosterColumn[] { RosterColumn.NAME, RosterColumn.ID, RosterColumn.CATEGORIES,
							RosterColumn.EDUCATION, RosterColumn.TITLE, RosterColumn.SKILL, RosterColumn.LEVEL,
							RosterColumn.EMPLOYER },
					new String[] { "姓名", "公民身份号码", "人才类型", "学历", "职称", "技能等级", "人才级别", "单位信用代码" },
					"；", "；;",
					new EnterpriseColumn[] { EnterpriseColumn.NAME, EnterpriseColumn.USCC,
							EnterpriseColumn.QUALIFICATION, EnterpriseColumn.DATE, EnterpriseColumn.CAPITAL },
					new String[] { "企业名称", "统一社会信用代码", "资质名称", "认定日期", "注册资本" },
					new PlatformColumn[] { PlatformColumn.NAME, PlatformColumn.TYPE, PlatformColumn.LEVEL,
							PlatformColumn.HOST, PlatformColumn.DATE },
					new String[] { "平台名称", "平台类型", "级别", "依托单位信用代码", "认定日期" }),
			// a statistics office's table: no employer column, IDs first
			new Layout("talent_roster.csv", "enterprise_list.csv", "platform_list.csv",
					new RosterColumn[] { RosterColumn.SERIAL, RosterColumn.ID, RosterColumn.NAME, RosterColumn.GENDER,
							RosterColumn.CATEGORIES, RosterColumn.EDUCATION, RosterColumn.TITLE, RosterColumn.SKILL,
							RosterColumn.LEVEL },
					new String[] { "序号", "身份证号", "姓名", "性别", "人才类别", "学历", "职称等级", "技能等级", "人才层次" },
					"/", "/",
					new EnterpriseColumn[] { EnterpriseColumn.USCC, EnterpriseColumn.NAME,
							EnterpriseColumn.QUALIFICATION, EnterpriseColumn.DATE },
					new String[] { "统一社会信用代码", "企业名称", "认定类型", "认定年月" },
					new PlatformColumn[] { PlatformColumn.SERIAL, PlatformColumn.NAME, PlatformColumn.TYPE,
							PlatformColumn.LEVEL, PlatformColumn.DATE },
					new String[] { "序号", "平台名称", "类型", "级别", "获批时间" }) };

	/** Encoding and line ends of one district's files. */
	record Style(Layout layout, Charset charset, boolean bom, String lineEnd, int dateStyle) {

		static Style of(District d) {
			int i = d.index();
			boolean gb = i % 5 == 4;
			return new Style(LAYOUTS[i % LAYOUTS.length], gb ? Charset.forName("GB18030") : StandardCharsets.UTF_8,
					!gb && i % 4 == 2, (gb || i % 3 == 1) ? "\r\n" : "\n", i % 4);
		}

		String encodingName() {
			return this.charset.name();
		}

	}

	static String header(Layout layout, RosterColumn column) {
		for (int i = 0; i < layout.roster().length; i++) {
			if (layout.roster()[i] == column) {
				return layout.rosterHeader()[i];
			}
		}
		return null;
	}

	static String header(Layout layout, EnterpriseColumn column) {
		for (int i = 0; i < layout.enterprise().length; i++) {
			if (layout.enterprise()[i] == column) {
				return layout.enterpriseHeader()[i];
			}
		}
		return null;
	}

	static String header(Layout layout, PlatformColumn column) {
		for (int i = 0; i < layout.platform().length; i++) {
			if (layout.platform()[i] == column) {
				return layout.platformHeader()[i];
			}
		}
		return null;
	}

	static String pipelineYaml(Plan plan, District d, long seed) {
		Style style = Style.of(d);
		Layout l = style.layout();
		StringBuilder y = new StringBuilder(2048);
		y.append("# ").append(d.name()).append(" — municipal-scale benchmark feed written by `generate --districts all`")
			.append(" (seed ").append(seed).append(", scale ").append(plan.scale()).append("); not a real extract.\n");
		if (d.populationKnown()) {
			y.append("# Roster: ").append(d.population10k().toPlainString()).append("万 residents (")
				.append(d.populationYear()).append(") × ").append(TALENT_SHARE).append(" talent share × scale = ")
				.append(d.people()).append(" people.\n");
		}
		else {
			y.append("# Roster: seeds/districts.csv has no population for ").append(d.name())
				.append(", so it stands in the median of the ").append(plan.knownPopulations())
				.append(" districts that have one (").append(plan.medianPopulation10k().toPlainString())
				.append("万)\n# × ").append(TALENT_SHARE).append(" talent share × scale = ").append(d.people())
				.append(" people — a size for benchmarking, not an estimate.\n");
		}
		y.append("# ").append(style.encodingName()).append(style.bom() ? " with BOM" : "").append(", comma, ")
			.append(style.lineEnd().equals("\r\n") ? "CRLF" : "LF").append(" line ends; categories joined by ")
			.append(l.separator()).append(".\n");
		y.append("district: \"").append(d.code()).append("\"\n");
		y.append("name: ").append(d.name()).append('\n');
		y.append("landing: ").append(d.folder()).append('\n');
		y.append("sources:\n");
		y.append("  roster:\n");
		source(y, l.rosterFile(), style);
		y.append("    columns:\n");
		column(y, "id_number", header(l, RosterColumn.ID));
		column(y, "name", header(l, RosterColumn.NAME));
		y.append("      categories: {header: ").append(header(l, RosterColumn.CATEGORIES)).append(", separator: \"")
			.append(l.separatorSetting()).append("\"}\n");
		column(y, "education", header(l, RosterColumn.EDUCATION));
		column(y, "title", header(l, RosterColumn.TITLE));
		column(y, "skill_level", header(l, RosterColumn.SKILL));
		column(y, "talent_level", header(l, RosterColumn.LEVEL));
		column(y, "employer_uscc", header(l, RosterColumn.EMPLOYER));
		y.append("  enterprise:\n");
		source(y, l.enterpriseFile(), style);
		y.append("    columns:\n");
		column(y, "uscc", header(l, EnterpriseColumn.USCC));
		column(y, "enterprise_name", header(l, EnterpriseColumn.NAME));
		column(y, "qualification", header(l, EnterpriseColumn.QUALIFICATION));
		column(y, "granted_date", header(l, EnterpriseColumn.DATE));
		column(y, "registered_capital", header(l, EnterpriseColumn.CAPITAL));
		y.append("  platform:\n");
		source(y, l.platformFile(), style);
		y.append("    columns:\n");
		column(y, "platform_name", header(l, PlatformColumn.NAME));
		column(y, "platform_type", header(l, PlatformColumn.TYPE));
		column(y, "platform_level", header(l, PlatformColumn.LEVEL));
		column(y, "host_uscc", header(l, PlatformColumn.HOST));
		column(y, "approved_date", header(l, PlatformColumn.DATE));
		return y.toString();
	}

	static void source(StringBuilder y, String file, Style style) {
		y.append("    file: ").append(file).append('\n');
		y.append("    encoding: ").append(style.encodingName()).append('\n');
	}

	private static void column(StringBuilder y, String field, String header) {
		if (header != null) {
			y.append("      ").append(field).append(": ").append(header).append('\n');
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Values as districts write them; every one is checked against the seeds before writing

	static final String[][] CATEGORY_VARIANTS = { { "专业技术人才", "专技人才", "专业技术人员" },
			{ "高技能人才", "高技能人才队伍" }, { "企业经营管理人才", "企业经营管理人员", "经营管理人才" },
			{ "农村实用人才", "乡村实用人才" }, { "党政人才", "党政干部人才" }, { "社会工作专业人才", "社会工作人才", "社工人才" },
			{ "科技人才", "科技创新人才" }, { "教育人才", "教育系统人才" }, { "医疗卫生人才", "卫生健康人才", "卫生人才" },
			{ "商贸物流人才" } };

	private static final String[] CATEGORY_CODES = { "professional_technical", "high_skilled",
			"enterprise_management", "rural_practical", "party_government", "social_work", "science_tech",
			"education", "health", "commerce_logistics" };

	static final int HS = 1, RP = 3, ST = 6;

	/** Primary category (the six of 人才资源总量), in percent. */
	static final int[] MAIN_WEIGHTS = { 40, 20, 14, 12, 8, 6 };

	static final String[][] EDUCATION_VARIANTS = { { "博士研究生", "博士" }, { "硕士研究生", "硕士", "研究生" },
			{ "大学本科", "本科" }, { "大学专科", "大专", "专科" }, { "高中及中专", "中专", "高中", "技校" }, { "初中及以下", "初中" } };

	private static final String[] EDUCATION_CODES = { "doctorate", "master", "bachelor", "college", "upper_secondary",
			"lower_secondary_or_below" };

	/** By primary category. */
	static final int[][] EDUCATION_WEIGHTS = { { 2, 12, 50, 28, 7, 1 }, { 0, 0, 8, 35, 50, 7 },
			{ 1, 8, 40, 32, 15, 4 }, { 0, 0, 3, 12, 35, 50 }, { 1, 15, 60, 20, 4, 0 }, { 0, 5, 45, 40, 10, 0 } };

	private static final String[] TITLE_CODES = { "senior", "associate_senior", "intermediate", "junior" };

	static final String[][] TITLE_SERIES = { { "正高级", "副高级", "中级", "初级" },
			{ "正高级职称", "副高级职称", "中级职称", "初级职称" }, { "正高级工程师", "高级工程师", "工程师", "助理工程师" },
			{ "正高级教师", "高级教师", "一级教师", "二级教师" }, { "主任医师", "副主任医师", "主治医师", "医师" },
			{ "正高级经济师", "高级经济师", "经济师", "助理经济师" }, { "研究员", "副研究员", "助理研究员", "技术员" } };

	static final int[] TITLE_PERCENT = { 85, 3, 15, 6, 8, 30 };

	static final int[] TITLE_LEVEL_WEIGHTS = { 4, 20, 40, 36 };

	private static final String[] SKILL_CODES = { "senior_worker", "technician", "senior_technician",
			"special_technician", "intermediate_worker", "junior_worker" };

	static final String[][] SKILL_VARIANTS = { { "高级工", "三级/高级工" }, { "技师", "二级/技师" },
			{ "高级技师", "一级/高级技师" }, { "特级技师" }, { "中级工", "四级/中级工" }, { "初级工", "五级/初级工" } };

	static final int[] HIGH_SKILL_WEIGHTS = { 60, 28, 11, 1 };

	private static final String[] TALENT_LEVEL_CODES = { "national", "provincial", "district", "none" };

	/** By tier; the district tier is written 区级 or 县级 as the division is. */
	static final String[][] TALENT_LEVEL_VARIANTS = { { "国家级" }, { "市级", "省部级" }, { "区级", "县级" },
			{ "一般" } };

	/** Per 100,000 people: 国家级, 省部级, 区县级 high-level talents. */
	static final int[] TIER_PER_100K = { 8, 60, 400 };

	private static final String[] QUALIFICATION_CODES = { "little_giant", "municipal_little_giant", "specialized_sme",
			"innovative_sme", "high_tech", "tech_sme" };

	static final int LITTLE_GIANT = 0, MUNICIPAL_LITTLE_GIANT = 1, SPECIALIZED = 2, INNOVATIVE = 3,
			HIGH_TECH = 4, TECH_SME = 5;

	static final String[][] QUALIFICATION_VARIANTS = {
			{ "国家级专精特新“小巨人”企业", "专精特新\"小巨人\"企业", "专精特新小巨人" }, { "重庆市“小巨人”企业", "市级小巨人企业" },
			{ "专精特新中小企业", "专精特新企业", "市级专精特新企业" }, { "创新型中小企业" }, { "高新技术企业", "国家高新技术企业" },
			{ "科技型企业", "科技型中小企业" } };

	private static final String[] PLATFORM_TYPE_CODES = { "academician_workstation", "postdoc_workstation",
			"key_laboratory", "rd_institution", "incubator", "master_studio", "innovation_platform" };

	static final int ACADEMICIAN = 0, POSTDOC = 1, KEY_LAB = 2, RD = 3, INCUBATOR = 4, MASTER = 5;

	static final String[][] PLATFORM_TYPE_VARIANTS = { { "院士专家工作站", "院士工作站" },
			{ "博士后科研工作站", "博士后工作站" }, { "重点实验室", "工程实验室" },
			{ "企业技术中心", "工程技术研究中心", "研发中心", "新型研发机构" }, { "科技企业孵化器", "众创空间" }, { "技能大师工作室" },
			{ "双创示范基地", "创新创业平台" } };

	static final int[] PLATFORM_TYPE_WEIGHTS = { 5, 8, 8, 45, 12, 14, 8 };

	private static final String[] PLATFORM_LEVEL_CODES = { "national", "municipal", "district" };

	static final String[][] PLATFORM_LEVEL_VARIANTS = { { "国家级" }, { "市级" }, { "区级", "县级" } };

	static final int[] PLATFORM_LEVEL_WEIGHTS = { 5, 45, 50 };

	static final String[] UNKNOWN_CATEGORIES = { "志愿者", "退休人员" };

	static final String UNKNOWN_EDUCATION = "私塾";

	static final String UNKNOWN_QUALIFICATION = "纳税大户";

	static final String UNKNOWN_PLATFORM_LEVEL = "乡镇级";

	/** MIIT's 专精特新"小巨人" batches up to the snapshot. */
	static final LocalDate[] LITTLE_GIANT_BATCHES = { LocalDate.of(2019, 6, 25), LocalDate.of(2020, 12, 14),
			LocalDate.of(2021, 7, 19), LocalDate.of(2022, 8, 25), LocalDate.of(2023, 7, 19), LocalDate.of(2024, 8, 20) };

	static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤冉";

	static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国红梅林波斌宇浩凯鹏飞婷雪琳晨欣怡佳俊峰鑫丹萍燕勤春海云志成兵亮东新德荣龙翔宏蓉倩莉洁瑶晓小天子思雨";

	static final String TRADE_NAME_CHARS = "鑫恒瑞德华宏盛金泰隆达源丰永兴昌荣康安顺新力远通博创科精誉锦汇嘉欣凯捷宇腾峰润祥和佳辰汉晟铭弘骏伟信联卓越诚益天合众美帆";

	static final String[] INDUSTRIES = { "机械制造", "齿轮", "食品", "建材", "电子科技", "新材料", "汽车零部件", "生物科技",
			"农业开发", "茶业", "中药材", "物流", "建筑工程", "铝业", "化工", "粮油", "酒业", "摩托车配件", "智能装备", "环保科技", "模具",
			"精密铸造", "电气", "纺织", "医药", "数字科技", "软件", "新能源", "能源科技", "印务", "柑橘", "榨菜", "火锅食品", "眼镜" };

	static final String[] TOPICS = { "智能制造", "轻合金材料", "汽车电子", "生态农业", "中药材", "特色食品", "新能源材料", "精密铸造",
			"数控装备", "电子信息", "生物医药", "绿色建材", "山地农业", "数字经济" };

	static final String[] AREAS = { "", "高新区", "经开区", "工业园", "大学城", "科技园", "产业园", "城区" };

	static final String[] INCUBATOR_THEMES = { "创新创业", "青年", "电商", "科创", "大学生", "返乡", "智造", "文创", "数字" };

	/** Address codes outside the district: old codes of merged counties, neighbouring provinces. */
	static final String[] OUTSIDE_ADDRESS_CODES = { "510107", "510212", "511623", "511602", "520321", "522229",
			"422826", "433124", "500222", "500381", "500383", "500382", "513523", "510322" };

	/**
	 * Every value written must map to the intended code through the same seeds the warehouse uses,
	 * and every bad value to none; otherwise counts would drift or bad rows would slip through.
	 */
	static void verifyVocabulary() {
		ReferenceData reference = ReferenceData.bundled();
		check(reference.vocabulary("talent_categories"), CATEGORY_VARIANTS, CATEGORY_CODES);
		check(reference.vocabulary("education_levels"), EDUCATION_VARIANTS, EDUCATION_CODES);
		Vocabulary titles = reference.vocabulary("professional_titles");
		for (String[] series : TITLE_SERIES) {
			for (int t = 0; t < series.length; t++) {
				expect(titles, series[t], TITLE_CODES[t]);
			}
		}
		check(reference.vocabulary("skill_levels"), SKILL_VARIANTS, SKILL_CODES);
		check(reference.vocabulary("talent_levels"), TALENT_LEVEL_VARIANTS, TALENT_LEVEL_CODES);
		check(reference.vocabulary("qualification_types"), QUALIFICATION_VARIANTS, QUALIFICATION_CODES);
		check(reference.vocabulary("platform_types"), PLATFORM_TYPE_VARIANTS, PLATFORM_TYPE_CODES);
		check(reference.vocabulary("platform_levels"), PLATFORM_LEVEL_VARIANTS, PLATFORM_LEVEL_CODES);
		for (String v : UNKNOWN_CATEGORIES) {
			expect(reference.vocabulary("talent_categories"), v, null);
		}
		expect(reference.vocabulary("education_levels"), UNKNOWN_EDUCATION, null);
		expect(reference.vocabulary("qualification_types"), UNKNOWN_QUALIFICATION, null);
		expect(reference.vocabulary("platform_levels"), UNKNOWN_PLATFORM_LEVEL, null);
	}

	private static void check(Vocabulary vocabulary, String[][] variants, String[] codes) {
		for (int i = 0; i < variants.length; i++) {
			for (String v : variants[i]) {
				expect(vocabulary, v, codes[i]);
			}
		}
	}

	private static void expect(Vocabulary vocabulary, String value, String code) {
		String actual = vocabulary.code(value);
		if ((code == null) ? actual != null : !code.equals(actual)) {
			throw new IllegalStateException("municipal value '" + value + "' maps to " + actual + " in "
					+ vocabulary.name() + ", expected " + code + ": the seeds changed, update the generator");
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Identities

	/**
	 * People as pure functions of a global index: an affine bijection of the index onto
	 * (birth day, sequence) pairs makes every ID number of the generated districts distinct by
	 * construction. (The demo's seed districts draw theirs independently; the few of their people
	 * whose address code is a generated district's can coincide with one here, which the warehouse
	 * sees as a person on two rosters — a handful among millions.)
	 */
	/** The last day of the month {@code monthsBefore} months before {@link #SNAPSHOT_DATE}. */
	static LocalDate monthEnd(int monthsBefore) {
		LocalDate month = SNAPSHOT_DATE.minusMonths(monthsBefore);
		return month.withDayOfMonth(month.lengthOfMonth());
	}

	/**
	 * Who changes over a history of monthly snapshots, a pure function of a person's hash: about
	 * 1 % of a roster joins and 0.8 % leaves each month, one own person in {@link #MOVE_EVERY} moves to
	 * the next district's roster, and 0.6 % are promoted a title level each month. Month 0 is the
	 * first snapshot; a change drawn for month m shows from month m on.
	 */
	static final class Churn {

		static final int MOVE_EVERY = 500;

		static final int MOVE_OFFSET = 7;

		private Churn() {
		}

		/** The month a change happens, or {@code months} (never) when the person is not among the share that changes. */
		private static int month(long hash, int shift, int perThousandPerMonth, int months) {
			int u = (int) Math.floorMod(hash >>> shift, 1_000_000L);
			int share = perThousandPerMonth * (months - 1) * 1_000;
			return (u < share) ? 1 + u % (months - 1) : months;
		}

		/**
		 * Whether a person is on this roster in this month; {@code mover} for the own people of the
		 * roster with an index {@link #MOVE_OFFSET} modulo {@link #MOVE_EVERY}, who move to the next district.
		 */
		static boolean present(long hash, int month, int months, boolean mover) {
			int joined = month(hash, 3, 10, months) % months;
			int left = month(hash, 23, 8, months);
			if (month < joined) {
				return false;
			}
			if (left > joined && month >= left) {
				return false;
			}
			return !(mover && movedBy(hash, month, months));
		}

		/** Whether a mover has moved to the next district by this month. */
		static boolean movedBy(long hash, int month, int months) {
			return month >= 1 + (int) Math.floorMod(hash >>> 43, (long) (months - 1));
		}

		/** Whether a person's title is a level higher than in the first month. */
		static boolean titleChanged(long hash, int month, int months) {
			return month >= month(hash, 40, 6, months);
		}

	}

	static final class Identities {

		static final LocalDate FIRST_BIRTH = LocalDate.of(1955, 1, 1);

		static final int DAYS = (int) ChronoUnit.DAYS.between(FIRST_BIRTH, LocalDate.of(2003, 12, 31)) + 1;

		static final long SPACE = DAYS * 1_000L;

		private static final char[][] BIRTH_DATES = new char[DAYS][];

		static {
			LocalDate day = FIRST_BIRTH;
			for (int i = 0; i < DAYS; i++) {
				BIRTH_DATES[i] = (day.getYear() + two(day.getMonthValue()) + two(day.getDayOfMonth())).toCharArray();
				day = day.plusDays(1);
			}
		}

		private final long seed;

		private final long multiplier;

		private final long offset;

		Identities(long seed) {
			this.seed = seed;
			SplittableRandom r = new SplittableRandom(DemoDataGenerator.mix(seed ^ 0x5DEECE66DL));
			long m;
			do {
				m = r.nextLong(SPACE / 2, SPACE);
			}
			while (DemoDataGenerator.gcd(m, SPACE) != 1);
			this.multiplier = m;
			this.offset = r.nextLong(SPACE);
		}

		long hash(long global) {
			return DemoDataGenerator.mix(this.seed ^ DemoDataGenerator.mix(global * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL));
		}

		/** The 18 characters of a person's ID number, with {@code birth} replacing the real birth date if given. */
		void id(long global, String address, char[] birth, char[] out) {
			long slot = Math.floorMod(this.multiplier * global + this.offset, SPACE);
			address.getChars(0, 6, out, 0);
			char[] date = (birth != null) ? birth : BIRTH_DATES[(int) (slot % DAYS)];
			System.arraycopy(date, 0, out, 6, 8);
			int sequence = (int) (slot / DAYS);
			out[14] = (char) ('0' + sequence / 100);
			out[15] = (char) ('0' + (sequence / 10) % 10);
			out[16] = (char) ('0' + sequence % 10);
			out[17] = ResidentIdNumber.checkDigit(CharBuffer.wrap(out));
		}

		void name(long global, StringBuilder out) {
			long h = hash(global);
			out.append(SURNAMES.charAt((int) Math.floorMod(h, (long) SURNAMES.length())));
			h >>>= 8;
			out.append(GIVEN.charAt((int) Math.floorMod(h, (long) GIVEN.length())));
			h >>>= 8;
			int second = (int) Math.floorMod(h, (long) GIVEN.length());
			h >>>= 8;
			if (Math.floorMod(h, 10L) < 7) {
				out.append(GIVEN.charAt(second));
			}
		}

	}

	static String two(int n) {
		return (n < 10) ? "0" + n : Integer.toString(n);
	}

	static <T> T any(SplittableRandom r, T[] values) {
		return values[r.nextInt(values.length)];
	}

	static LocalDate between(SplittableRandom r, LocalDate from, LocalDate to) {
		if (!to.isAfter(from)) {
			return to;
		}
		return from.plusDays(r.nextLong(ChronoUnit.DAYS.between(from, to) + 1));
	}

	// ---------------------------------------------------------------------------------------------
	// One district

	record Qualification(int enterprise, int qualification, LocalDate date) {
	}

}
