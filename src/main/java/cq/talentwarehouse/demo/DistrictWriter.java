package cq.talentwarehouse.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static cq.talentwarehouse.demo.DemoDataGenerator.*;

import cq.talentwarehouse.normalize.QuarantineRule;

/**
 * Writes one seed district's three feeds (roster, enterprise list, platform list) in the layout and
 * style its pipeline file describes: the clean records first, planned so that they count to the
 * district's published figures, then the bad records injected among them, a few per quarantine rule.
 * The vocabulary, layouts and identities it draws on are {@link DemoDataGenerator}'s.
 */
final class DistrictWriter {

	private final District d;

	private final Identities identities;

	private final Script script;

	private final SplittableRandom enterpriseRandom;

	private final SplittableRandom platformRandom;

	private final SplittableRandom rosterRandom;

	private final SplittableRandom badRandom;

	final Map<String, Map<String, Integer>> badRecords = new LinkedHashMap<>();

	int files;

	long rows;

	private String[] usccs;

	private String[] enterpriseNames;

	private int techEnterprises;

	private final List<Qualification> qualifications = new ArrayList<>();

	private long nextBadPerson;

	DistrictWriter(District d, Identities identities, Script script, SplittableRandom random) {
		this.d = d;
		this.identities = identities;
		this.script = script;
		this.enterpriseRandom = random.split();
		this.platformRandom = random.split();
		this.rosterRandom = random.split();
		this.badRandom = random.split();
		this.nextBadPerson = d.badBase();
	}

	void write(Path folder) throws IOException {
		buildEnterprises();
		writeEnterprises(folder, enterpriseFile(this.d));
		if (platformFile(this.d) != null) {
			writePlatforms(folder, platformFile(this.d));
		}
		writeRoster(folder, rosterFile(this.d));
		if (programFile(this.d) != null) {
			writeProgrammes(folder, programFile(this.d));
		}
	}

	// ---- programme ledger

	/**
	 * The district's 人才项目台账: the calibrated batches of {@link DemoDataGenerator#programmeBatches},
	 * holders drawn from its roster (a person holds at most one award of a programme), then the bad
	 * records of {@link DemoDataGenerator#programBad}. Its own random stream, split after the roster
	 * was written, so the roster is the same with or without it.
	 */
	private void writeProgrammes(Path folder, String file) throws IOException {
		SplittableRandom r = this.badRandom.split();
		long[] globals = globals();
		int n = globals.length;
		int stride = 7;
		int next = 0;
		List<String[]> clean = new ArrayList<>();
		for (ProgrammeBatch batch : programmeBatches(this.d)) {
			for (int i = 0; i < batch.people(); i++) {
				long global = globals[(next * stride) % n];
				next++;
				String education = (i < batch.masterAndAbove()) ? ((i % 6 == 0) ? "博士研究生" : "硕士研究生")
						: batch.otherEducation();
				clean.add(programmeRow(this.identities.id(global), this.identities.name(global, this.d.traditional()),
						batch.programme(), batch.tier(), education, awarded(r), ended(batch, r)));
			}
		}
		Map<String, Integer> bad = programBad(this.d);
		try (CsvWriter out = new CsvWriter(folder.resolve(file), this.d)) {
			out.header(programHeader(this.d));
			for (String[] row : clean) {
				out.row(row);
			}
			for (Map.Entry<String, Integer> rule : bad.entrySet()) {
				for (int i = 0; i < rule.getValue(); i++) {
					long g = this.nextBadPerson++;
					String id = this.identities.id(g);
					String name = this.identities.name(g, this.d.traditional());
					ProgrammeBatch first = programmeBatches(this.d).get(0);
					String[] row = switch (rule.getKey()) {
						case "tier_not_of_programme" -> programmeRow(id, name, first.programme(), "A卡", "", awarded(r), "");
						case "end_before_award" -> programmeRow(id, name, first.programme(), first.tier(), "", "2023-06-30",
								"2022-06-30");
						case "id_checksum" -> programmeRow(id.substring(0, 17) + ((id.charAt(17) == '0') ? '1' : '0'), name,
								first.programme(), first.tier(), "", awarded(r), "");
						case "vocabulary_unknown" -> (this.d == District.XIUSHAN)
								? programmeRow(id, name, first.programme(), "C卡", "", awarded(r), "")
								: programmeRow(id, name, "乡村振兴人才", "", "", awarded(r), "");
						// the same person and programme as the first clean record
						case "duplicate" -> clean.get(0).clone();
						case "required_missing" -> programmeRow(id, name, first.programme(), first.tier(), "", "", "");
						default -> throw new IllegalStateException("no bad ledger record for " + rule.getKey());
					};
					out.row(row);
				}
			}
			this.rows += out.rows();
			this.files += out.files();
		}
		this.badRecords.put(this.d.code + "/program", bad);
	}

	private String[] programmeRow(String id, String name, String programme, String tier, String education,
			String awarded, String ends) {
		return new String[] { id, name, w(programme), w(tier), w(education), awarded, ends, "" };
	}

	/** A date in the ledger's year before the snapshot, as the district writes dates. */
	private String awarded(SplittableRandom r) {
		LocalDate date = this.d.snapshot.minusDays(30 + r.nextInt(1000));
		return switch (this.d) {
			case JIANGJIN -> date.getYear() + "年" + date.getMonthValue() + "月";
			case QIANJIANG -> date.getYear() + "/" + date.getMonthValue() + "/" + date.getDayOfMonth();
			default -> date.toString();
		};
	}

	/** 英才服务卡 are issued for three years from their award; the other programmes have no end date. */
	private String ended(ProgrammeBatch batch, SplittableRandom r) {
		return batch.tier().isEmpty() ? "" : this.d.snapshot.plusYears(1 + r.nextInt(2)).toString();
	}

	/**
	 * Where a feed's rows go, in the form the district sends: delimited text, a workbook with a
	 * title above the table, or pages of the platform's JSON.
	 */
	private RowSink sink(Path folder, String name, String sheet, String title, boolean[] dateColumns, long rows)
			throws IOException {
		if (name.endsWith(".xlsx")) {
			return new XlsxSink(folder.resolve(name), sheet, title, dateColumns, this.d.snapshot);
		}
		if (name.endsWith(".json")) {
			return new JsonPagesSink(folder, name, JSON_PAGE_SIZE, rows, Map.of("talentCategories", "/"));
		}
		return new CsvWriter(folder.resolve(name), this.d);
	}

	/** A workbook's title row, as district offices head their lists. */
	private String title(String list) {
		String district = switch (this.d) {
			case JIANGJIN -> "江津区";
			case QIJIANG -> "綦江区";
			case QIANJIANG -> "黔江区";
			case XIUSHAN -> "秀山县";
		};
		return w(district + list + "（截至" + this.d.snapshot.getYear() + "年" + this.d.snapshot.getMonthValue() + "月）");
	}

	private String w(String simplified) {
		return this.script.write(this.d, simplified);
	}

	/** 綦江's hand-typed cells: now and then a leading or trailing (full-width) space. */
	private String pad(String value, SplittableRandom r, int percent) {
		if (this.d != District.QIJIANG || value == null || value.isEmpty() || r.nextInt(100) >= percent) {
			return value;
		}
		return switch (r.nextInt(3)) {
			case 0 -> "\u3000" + value;
			case 1 -> value + "\u3000";
			default -> " " + value + " ";
		};
	}

	// ---- enterprises

	private void buildEnterprises() {
		EnterpriseCounts c = enterpriseCounts(this.d);
		SplittableRandom r = this.enterpriseRandom;
		LocalDate snapshot = this.d.snapshot;
		int next = c.tech();
		this.techEnterprises = c.tech();
		List<Integer> tech = range(0, c.tech());
		int highIn = Math.min(c.highTech(), Math.round(c.highTech() * c.highTechInTechPercent() / 100f));
		List<Integer> high = range(0, highIn);
		high.addAll(range(next, next + c.highTech() - highIn));
		next += c.highTech() - highIn;
		int specInHigh = Math.min(Math.round(c.specialized() * 0.6f), highIn);
		int specInTech = Math.min(Math.round(c.specialized() * 0.2f), c.tech() - highIn);
		List<Integer> specialized = range(0, specInHigh);
		specialized.addAll(range(highIn, highIn + specInTech));
		int specNew = c.specialized() - specInHigh - specInTech;
		specialized.addAll(range(next, next + specNew));
		next += specNew;
		List<Integer> littleGiants = specialized.subList(0, c.littleGiant());
		List<Integer> municipal = specialized.subList(c.littleGiant(), c.littleGiant() + c.municipalLittleGiant());
		int innovFromSpec = Math.min(Math.round(c.innovative() * 0.25f),
				c.specialized() - c.littleGiant() - c.municipalLittleGiant());
		List<Integer> innovative = new ArrayList<>(
				specialized.subList(c.specialized() - innovFromSpec, c.specialized()));
		int innovFromTech = Math.min(c.innovative() - innovFromSpec, c.tech() - highIn - specInTech);
		innovative.addAll(range(highIn + specInTech, highIn + specInTech + innovFromTech));
		int innovNew = c.innovative() - innovFromSpec - innovFromTech;
		innovative.addAll(range(next, next + innovNew));
		next += innovNew;

		List<LocalDate> batches = new ArrayList<>();
		for (LocalDate b : LITTLE_GIANT_BATCHES) {
			if (!b.isAfter(snapshot)) {
				batches.add(b);
			}
		}
		Map<Integer, LocalDate> littleGiantDate = new HashMap<>();
		for (int e : littleGiants) {
			LocalDate date = batches.get(r.nextInt(batches.size()));
			littleGiantDate.put(e, date);
			this.qualifications.add(new Qualification(e, LITTLE_GIANT, date));
		}
		for (int e : municipal) {
			this.qualifications.add(new Qualification(e, MUNICIPAL_LITTLE_GIANT,
					between(r, LocalDate.of(2018, 1, 1), min(LocalDate.of(2021, 6, 30), snapshot))));
		}
		for (int e : specialized) {
			LocalDate lg = littleGiantDate.get(e);
			// the national list is drawn from firms already on the municipal 专精特新 list
			LocalDate latest = (lg != null) ? lg.minusMonths(10) : snapshot;
			this.qualifications.add(new Qualification(e, SPECIALIZED,
					between(r, min(LocalDate.of(2018, 1, 1), latest), latest)));
		}
		for (int e : innovative) {
			this.qualifications.add(new Qualification(e, INNOVATIVE, between(r, LocalDate.of(2022, 6, 1), snapshot)));
		}
		for (int e : high) {
			this.qualifications.add(new Qualification(e, HIGH_TECH, between(r, LocalDate.of(2012, 1, 1), snapshot)));
		}
		for (int e : tech) {
			this.qualifications.add(new Qualification(e, TECH_SME, between(r, LocalDate.of(2018, 1, 1), snapshot)));
		}
		this.qualifications.sort(Comparator.comparingInt(Qualification::qualification)
			.thenComparing(Qualification::date)
			.thenComparingInt(Qualification::enterprise));

		this.usccs = new String[next];
		this.enterpriseNames = new String[next];
		Set<String> names = new HashSet<>();
		for (int e = 0; e < next; e++) {
			this.usccs[e] = uscc(this.d.code, e);
			this.enterpriseNames[e] = uniqueEnterpriseName(r, names);
		}
		if (this.d == District.JIANGJIN) {
			for (int i = 0; i < QUOTED_NAMES.length; i++) {
				this.enterpriseNames[5 + i] = QUOTED_NAMES[i];
			}
		}
	}

	private String uniqueEnterpriseName(SplittableRandom r, Set<String> used) {
		String[] prefixes = enterprisePrefixes(this.d);
		while (true) {
			int suffix = r.nextInt(100);
			String name = prefixes[r.nextInt(prefixes.length)]
					+ TRADE_NAME_CHARS.charAt(r.nextInt(TRADE_NAME_CHARS.length()))
					+ TRADE_NAME_CHARS.charAt(r.nextInt(TRADE_NAME_CHARS.length())) + any(r, INDUSTRIES)
					+ ((suffix < 80) ? "有限公司" : (suffix < 92) ? "股份有限公司" : "有限责任公司");
			if (used.add(name)) {
				return name;
			}
		}
	}

	private static List<Integer> range(int from, int to) {
		List<Integer> list = new ArrayList<>(Math.max(0, to - from));
		for (int i = from; i < to; i++) {
			list.add(i);
		}
		return list;
	}

	private String renderUscc(String uscc, SplittableRandom r) {
		if (this.d == District.QIJIANG) {
			return pad((r.nextInt(100) < 15) ? fullWidth(uscc) : uscc, r, 4);
		}
		if (this.d == District.XIUSHAN && r.nextInt(100) < 3) {
			return uscc.toLowerCase(java.util.Locale.ROOT);
		}
		return uscc;
	}

	private String[] enterpriseCells(EnterpriseColumn[] columns, String uscc, String name, String qualification,
			String date, SplittableRandom r) {
		String[] cells = new String[columns.length];
		for (int i = 0; i < columns.length; i++) {
			cells[i] = switch (columns[i]) {
				case SERIAL -> "";
				case USCC -> uscc;
				case NAME -> pad(w(name), r, 3);
				case QUALIFICATION -> pad(w(qualification), r, 3);
				case DATE -> pad(date, r, 3);
				case CAPITAL -> capital(name, r);
			};
		}
		return cells;
	}

	// 綦江 types registered capital in 万 (sometimes 亿, sometimes full-width digits); the same
	// enterprise always gets the same amount, derived from its name
	private String capital(String name, SplittableRandom r) {
		int wan = 50 + Math.floorMod(name.hashCode(), 4950);
		String text = (wan >= 1000 && wan % 100 == 0) ? (wan / 10000.0 + "亿").replace(".0亿", "亿") : wan + "万";
		return (r.nextInt(100) < 20) ? fullWidth(text) : text;
	}

	private void writeEnterprises(Path folder, String file) throws IOException {
		EnterpriseColumn[] columns = enterpriseColumns(this.d);
		SplittableRandom r = this.enterpriseRandom;
		List<String[]> clean = new ArrayList<>(this.qualifications.size());
		for (Qualification q : this.qualifications) {
			clean.add(enterpriseCells(columns, renderUscc(this.usccs[q.enterprise()], r),
					this.enterpriseNames[q.enterprise()], any(r, qualificationVariants(this.d, q.qualification())),
					formatDate(this.d, q.date(), r), r));
		}
		SplittableRandom b = this.badRandom;
		Map<String, Integer> counts = enterpriseBad(this.d);
		List<Injected> plan = new ArrayList<>();
		int fresh = this.usccs.length;
		Set<String> names = new HashSet<>(List.of(this.enterpriseNames));
		for (int i = 0; i < counts.get(QuarantineRule.USCC_CHECKSUM.key()); i++) {
			char[] code = uscc(this.d.code, fresh++).toCharArray();
			int at = USCC_ALPHABET.indexOf(code[17]);
			code[17] = USCC_ALPHABET.charAt((at + 1 + b.nextInt(30)) % 31);
			plan.add(freshEnterprise(columns, new String(code), names, plan.size(), clean.size(), b));
		}
		for (int i = 0; i < counts.get(QuarantineRule.USCC_FORMAT.key()); i++) {
			String code = uscc(this.d.code, fresh++);
			// a dropped character, or a letter the alphabet excludes typed for a look-alike digit
			String broken = (i % 2 == 0) ? code.substring(0, 10) + code.substring(11)
					: code.substring(0, 12) + "OIZ".charAt(i % 3) + code.substring(13);
			plan.add(freshEnterprise(columns, broken, names, plan.size(), clean.size(), b));
		}
		String[] invalid = invalidDates(this.d);
		for (int i = 0; i < counts.get(QuarantineRule.DATE_INVALID.key()); i++) {
			Qualification q = this.qualifications.get(b.nextInt(this.qualifications.size()));
			plan.add(new Injected(b.nextInt(clean.size()), plan.size(),
					enterpriseCells(columns, this.usccs[q.enterprise()], this.enterpriseNames[q.enterprise()],
							any(b, qualificationVariants(this.d, q.qualification())), invalid[i % invalid.length], b),
					-1));
		}
		for (int i = 0; i < counts.get(QuarantineRule.VOCABULARY_UNKNOWN.key()); i++) {
			Qualification q = this.qualifications.get(b.nextInt(this.qualifications.size()));
			plan.add(new Injected(b.nextInt(clean.size()), plan.size(),
					enterpriseCells(columns, this.usccs[q.enterprise()], this.enterpriseNames[q.enterprise()],
							UNKNOWN_QUALIFICATIONS[i % UNKNOWN_QUALIFICATIONS.length],
							formatDate(this.d, q.date(), b), b),
					-1));
		}
		this.badRecords.put(this.d.code + "/enterprise", counts);
		boolean[] dates = new boolean[columns.length];
		dates[indexOf(columns, EnterpriseColumn.DATE)] = true;
		try (RowSink out = sink(folder, file, "企业名单", title("专精特新及科技型企业名单"), dates, clean.size() + plan.size())) {
			writeTable(out, enterpriseHeader(this.d), clean, plan, indexOf(columns, EnterpriseColumn.SERIAL));
		}
	}

	private Injected freshEnterprise(EnterpriseColumn[] columns, String code, Set<String> names, int order,
			int cleanRows, SplittableRandom b) {
		LocalDate date = between(b, LocalDate.of(2018, 1, 1), this.d.snapshot);
		String[] cells = enterpriseCells(columns, code, uniqueEnterpriseName(b, names),
				qualificationVariants(this.d, TECH_SME)[0], formatDate(this.d, date, b), b);
		return new Injected(b.nextInt(cleanRows), order, cells, -1);
	}

	// ---- platforms

	private void writePlatforms(Path folder, String file) throws IOException {
		PlatformColumn[] columns = platformColumns(this.d);
		SplittableRandom r = this.platformRandom;
		Set<String> names = new HashSet<>();
		List<String[]> clean = new ArrayList<>();
		for (PlatformCount count : platformCounts(this.d)) {
			for (int i = 0; i < count.count(); i++) {
				Platform p = platform(count.type(), count.level(), names, r);
				clean.add(platformCells(columns, w(p.name()), p, PLATFORM_LEVEL_NAMES[p.level()], r));
			}
		}
		SplittableRandom b = this.badRandom;
		List<Injected> plan = new ArrayList<>();
		for (int i = 0; i < PLATFORM_BAD.get(QuarantineRule.VOCABULARY_UNKNOWN.key()); i++) {
			Platform p = platform(INCUBATOR, LEVEL_DISTRICT, names, b);
			plan.add(new Injected(b.nextInt(clean.size()), plan.size(),
					platformCells(columns, w(p.name()), p, UNKNOWN_PLATFORM_LEVEL, b), -1));
		}
		for (int i = 0; i < PLATFORM_BAD.get(QuarantineRule.REQUIRED_MISSING.key()); i++) {
			Platform p = platform(RD, LEVEL_DISTRICT, names, b);
			plan.add(new Injected(b.nextInt(clean.size()), plan.size(),
					platformCells(columns, (this.d == District.QIJIANG) ? "\u3000" : "", p,
							PLATFORM_LEVEL_NAMES[p.level()], b),
					-1));
		}
		this.badRecords.put(this.d.code + "/platform", PLATFORM_BAD);
		boolean[] dates = new boolean[columns.length];
		dates[indexOf(columns, PlatformColumn.DATE)] = true;
		try (RowSink out = sink(folder, file, "创新平台", title("科技创新平台名单"), dates, clean.size() + plan.size())) {
			writeTable(out, platformHeader(this.d), clean, plan, indexOf(columns, PlatformColumn.SERIAL));
		}
	}

	private Platform platform(int type, int level, Set<String> names, SplittableRandom r) {
		String[] places = places(this.d);
		while (true) {
			String typeText = any(r, platformTypeVariants(this.d, type, level));
			int host = -1;
			String name;
			switch (type) {
				case KEY_LAB -> {
					String topic = any(r, TOPICS);
					name = (level == LEVEL_NATIONAL) ? topic + "国家重点实验室" : "重庆市" + topic + "重点实验室";
					host = (r.nextInt(10) < 7) ? r.nextInt(this.techEnterprises) : -1;
				}
				case INCUBATOR -> {
					name = any(r, places) + any(r, INCUBATOR_THEMES) + typeText;
					host = (r.nextInt(10) < 4) ? r.nextInt(this.techEnterprises) : -1;
				}
				case INNOVATION -> name = any(r, places) + (typeText.equals("双创示范基地") ? "双创示范基地" : "创新创业服务平台");
				case MASTER -> {
					host = r.nextInt(this.techEnterprises);
					name = "" + SURNAMES.charAt(r.nextInt(SURNAMES.length())) + GIVEN.charAt(r.nextInt(GIVEN.length()))
							+ GIVEN.charAt(r.nextInt(GIVEN.length())) + "技能大师工作室";
				}
				case RD -> {
					host = r.nextInt(this.techEnterprises);
					if (this.d == District.QIJIANG && level == LEVEL_NATIONAL) {
						// 国家级研发机构（分部）: branches of national centres hosted by local firms
						name = "国家" + any(r, TOPICS) + "工程技术研究中心綦江分中心";
					}
					else if (this.d == District.QIJIANG) {
						name = this.enterpriseNames[host] + any(r, new String[] { "企业技术中心", "工程技术研究中心", "研发中心" });
					}
					else {
						name = this.enterpriseNames[host] + typeText;
					}
				}
				case POSTDOC -> {
					host = r.nextInt(this.techEnterprises);
					name = this.enterpriseNames[host] + "博士后科研工作站";
				}
				default -> {
					host = r.nextInt(this.techEnterprises);
					name = this.enterpriseNames[host] + typeText;
				}
			}
			if (name.indexOf('\n') < 0 && names.add(name)) {
				return new Platform(name, type, level, typeText, host,
						between(r, LocalDate.of(2012, 1, 1), this.d.snapshot));
			}
		}
	}

	private String[] platformCells(PlatformColumn[] columns, String name, Platform p, String level,
			SplittableRandom r) {
		String[] cells = new String[columns.length];
		for (int i = 0; i < columns.length; i++) {
			cells[i] = switch (columns[i]) {
				case SERIAL -> "";
				case NAME -> name;
				case TYPE -> pad(w(p.typeText()), r, 3);
				case LEVEL -> pad(w(level), r, 3);
				case HOST -> (p.host() < 0) ? "" : renderUscc(this.usccs[p.host()], r);
				case DATE -> formatDate(this.d, p.date(), r);
			};
		}
		return cells;
	}

	// ---- roster

	private long[] globals() {
		long[] globals = new long[this.d.people];
		District source = this.d.sharesWith();
		long base = this.d.base();
		int shared = 0;
		int own = 0;
		for (int i = 0; i < globals.length; i++) {
			if (source != null && i % this.d.slotStride() == this.d.slotStride() - 1 && shared < this.d.shared()) {
				globals[i] = source.base() + (long) shared++ * this.d.sourceStride();
			}
			else {
				globals[i] = base + own++;
			}
		}
		if (shared != this.d.shared() || own != this.d.own()) {
			throw new IllegalStateException("shared people do not fit the roster of " + this.d);
		}
		return globals;
	}

	private void fill(Person p, long global, SplittableRandom r, boolean employerColumn) {
		p.global = global;
		int primary = pick(r, MAIN_WEIGHTS);
		p.categories[0] = primary;
		p.categoryCount = 1;
		if (r.nextInt(100) < 30) {
			p.categories[p.categoryCount++] = ST + pick(r, KEY_FIELD_WEIGHTS[primary]);
		}
		if (r.nextInt(100) < 6) {
			int other;
			do {
				other = pick(r, MAIN_WEIGHTS);
			}
			while (other == primary);
			p.categories[p.categoryCount++] = other;
		}
		p.education = (r.nextInt(100) < 95) ? pick(r, EDUCATION_WEIGHTS[primary]) : -1;
		p.title = (r.nextInt(100) < TITLE_PERCENT[primary]) ? title(p, primary, r) : null;
		if (p.has(HS)) {
			p.skill = pick(r, HIGH_SKILL_WEIGHTS);
		}
		else if (primary == RP && r.nextInt(100) < 12) {
			p.skill = 4 + r.nextInt(2);
		}
		else {
			p.skill = -1;
		}
		p.level = NO_TIER;
		p.employer = (employerColumn && r.nextInt(100) < 60) ? employer(r) : null;
	}

	// About 1 in 50 employers is registered elsewhere (a 渝中区 head office), so the load's
	// employer_not_in_enterprise_feed warning has something to count.
	private String employer(SplittableRandom r) {
		if (r.nextInt(50) == 0) {
			return uscc("500103", 900_000 + r.nextInt(200));
		}
		return this.usccs[r.nextInt(this.usccs.length)];
	}

	private String title(Person p, int primary, SplittableRandom r) {
		int level = pick(r, TITLE_LEVEL_WEIGHTS);
		String[] series;
		if (primary == SW) {
			series = TITLE_LEVEL;
		}
		else if (p.has(ED)) {
			series = (r.nextInt(4) == 0) ? LECTURER : TEACHER;
		}
		else if (p.has(HE)) {
			series = (r.nextInt(5) < 3) ? DOCTOR : NURSE;
		}
		else if (p.has(ST)) {
			series = (r.nextInt(5) < 2) ? RESEARCHER : ENGINEER;
		}
		else if (primary == RP) {
			series = AGRONOMIST;
		}
		else if (primary == EM || p.has(CL)) {
			series = (r.nextInt(5) < 3) ? ECONOMIST : ACCOUNTANT;
		}
		else {
			int u = r.nextInt(100);
			series = (u < 55) ? ENGINEER : (u < 70) ? ACCOUNTANT : (u < 85) ? ECONOMIST : AGRONOMIST;
		}
		int style = r.nextInt(100);
		return switch (this.d) {
			case JIANGJIN -> (style < 50) ? series[level] : (style < 80) ? TITLE_LEVEL[level] : TITLE_LEVEL_LONG[level];
			case QIJIANG -> (style < 60) ? series[level] : TITLE_LEVEL[level];
			case QIANJIANG -> series[level];
			case XIUSHAN -> (style < 85) ? TITLE_LEVEL[level] : series[level];
		};
	}

	private String categoryName(int category, SplittableRandom r) {
		String[] variants = CATEGORY_VARIANTS[category];
		int u = r.nextInt(100);
		return switch (this.d) {
			case JIANGJIN -> (u < 88) ? variants[0] : any(r, variants);
			case QIJIANG -> pad((u < 85) ? variants[0] : any(r, variants), r, 5);
			case QIANJIANG -> w((u < 75) ? variants[0] : any(r, variants));
			case XIUSHAN -> (category == RP && u < 60) ? "乡土人才"
					: (category == CL && u < 60) ? "电商人才" : (u < 90) ? variants[0] : any(r, variants);
		};
	}

	private String separator(SplittableRandom r) {
		int u = r.nextInt(100);
		return switch (this.d) {
			case JIANGJIN -> "、";
			case QIJIANG -> (u < 80) ? "、" : (u < 92) ? "，" : ",";
			case QIANJIANG -> (u < 88) ? "；" : ";";
			case XIUSHAN -> "/";
		};
	}

	private String categories(Person p, SplittableRandom r) {
		if (p.categoryCount == 1) {
			return categoryName(p.categories[0], r);
		}
		StringBuilder b = new StringBuilder(24);
		for (int i = 0; i < p.categoryCount; i++) {
			if (i > 0) {
				b.append(separator(r));
			}
			b.append(categoryName(p.categories[i], r));
		}
		return b.toString();
	}

	private String education(int education, SplittableRandom r) {
		if (education < 0) {
			return "";
		}
		String[] variants = EDUCATION_VARIANTS[education];
		int u = r.nextInt(100);
		return switch (this.d) {
			case JIANGJIN -> (u < 85) ? variants[0] : any(r, variants);
			case QIJIANG -> pad((u < 80) ? variants[1] : any(r, variants), r, 4);
			case QIANJIANG -> w((u < 70) ? variants[1] : any(r, variants));
			case XIUSHAN -> any(r, variants);
		};
	}

	private String skill(int skill, SplittableRandom r) {
		if (skill < 0) {
			return "";
		}
		String[] variants = SKILL_VARIANTS[skill];
		int u = r.nextInt(100);
		return switch (this.d) {
			case JIANGJIN -> variants[0];
			case QIJIANG -> pad(variants[(u < 50) ? Math.min(1, variants.length - 1)
					: (u < 70) ? variants.length - 1 : 0], r, 4);
			case QIANJIANG -> w(variants[0]);
			case XIUSHAN -> variants[(u < 70) ? 0 : Math.min(1, variants.length - 1)];
		};
	}

	private String talentLevel(int level, SplittableRandom r) {
		if (level == NO_TIER && r.nextInt(100) >= noTierFilledPercent(this.d)) {
			return "";
		}
		return pad(w(any(r, talentLevelVariants(this.d, level))), r, 4);
	}

	private String id(String id, SplittableRandom r) {
		if (this.d != District.QIJIANG) {
			return id;
		}
		String s = (id.endsWith("X") && r.nextInt(100) < 40) ? id.substring(0, 17) + "x" : id;
		if (r.nextInt(100) < 20) {
			s = fullWidth(s);
		}
		return pad(s, r, 4);
	}

	private String name(long global, SplittableRandom r) {
		String name = this.identities.name(global, this.d.traditional());
		if (this.d == District.QIJIANG) {
			// two-character names padded to the width of three, as typed in Excel
			if (name.length() == 2 && r.nextInt(100) < 30) {
				return name.charAt(0) + "\u3000" + name.charAt(1);
			}
			return pad(name, r, 3);
		}
		return name;
	}

	private void render(Person p, String id, RosterColumn[] columns, String[] cells, SplittableRandom r) {
		for (int i = 0; i < columns.length; i++) {
			cells[i] = switch (columns[i]) {
				case SERIAL -> "";
				case NAME -> name(p.global, r);
				case GENDER -> (((id.charAt(16) - '0') & 1) == 1) ? "男" : "女";
				case ID_TYPE -> "居民身份证";
				case ID -> id(id, r);
				case CATEGORIES -> categories(p, r);
				case EDUCATION -> education(p.education, r);
				case TITLE -> (p.title == null) ? "" : pad(w(p.title), r, 4);
				case SKILL -> skill(p.skill, r);
				case LEVEL -> talentLevel(p.level, r);
				case EMPLOYER -> (p.employer == null) ? "" : p.employer;
			};
		}
	}

	private void writeRoster(Path folder, String file) throws IOException {
		RosterColumn[] columns = rosterColumns(this.d);
		boolean employerColumn = indexOf(columns, RosterColumn.EMPLOYER) >= 0;
		int serialAt = indexOf(columns, RosterColumn.SERIAL);
		long[] globals = globals();
		int n = globals.length;
		List<Injected> plan = planRosterBad(globals, columns, employerColumn);
		Set<Integer> originals = new HashSet<>();
		for (Injected inj : plan) {
			if (inj.copyOf() >= 0) {
				originals.add(inj.copyOf());
			}
		}
		Map<Integer, String[]> savedRows = new HashMap<>();
		int[] tiers = TALENT_LEVEL_COUNTS[this.d.ordinal()].clone();
		SplittableRandom r = this.rosterRandom;
		Person p = new Person();
		String[] cells = new String[columns.length];
		try (RowSink out = sink(folder, file, "人才名册", title("人才资源花名册"), new boolean[columns.length], n + plan.size())) {
			out.header(rosterHeader(this.d));
			int serial = 0;
			int k = 0;
			for (int i = 0; i < n; i++) {
				fill(p, globals[i], r, employerColumn);
				p.level = tier(tiers, n - i, r);
				render(p, this.identities.id(globals[i]), columns, cells, r);
				if (serialAt >= 0) {
					cells[serialAt] = Integer.toString(++serial);
				}
				out.row(cells);
				if (originals.contains(i)) {
					savedRows.put(i, cells.clone());
				}
				while (k < plan.size() && plan.get(k).after() == i) {
					Injected inj = plan.get(k++);
					if (inj.copyOf() >= 0) {
						out.row(savedRows.get(inj.copyOf()));
					}
					else {
						if (serialAt >= 0) {
							inj.cells()[serialAt] = Integer.toString(++serial);
						}
						out.row(inj.cells());
					}
				}
			}
			this.rows += out.rows();
			this.files += out.files();
		}
		this.badRecords.put(this.d.code + "/roster", ROSTER_BAD);
	}

	/**
	 * Writes the district's earlier roster: the people of its current roster drawn exactly as
	 * {@link #writeRoster} draws them (same random sequence, so their attributes are the same),
	 * except {@code notYetArrived} of them (every {@code stride}-th row), plus {@code since left}
	 * people not on the current roster; no employers. Clean records only: it exists to give the
	 * roster a history (mart.district_talent_flows); the net inflow to the current roster is
	 * {@code notYetArrived - sinceLeft}.
	 */
	void writeEarlierRoster(Path folder, int notYetArrived, int stride, int sinceLeft) throws IOException {
		buildEnterprises();
		RosterColumn[] columns = rosterColumns(this.d);
		boolean employerColumn = indexOf(columns, RosterColumn.EMPLOYER) >= 0;
		int serialAt = indexOf(columns, RosterColumn.SERIAL);
		int employerAt = indexOf(columns, RosterColumn.EMPLOYER);
		long[] globals = globals();
		int n = globals.length;
		int[] tiers = TALENT_LEVEL_COUNTS[this.d.ordinal()].clone();
		SplittableRandom r = this.rosterRandom;
		Person p = new Person();
		String[] cells = new String[columns.length];
		int skipped = 0;
		try (RowSink out = sink(folder, rosterFile(this.d), "人才名册", title("人才资源花名册"), new boolean[columns.length],
				n - notYetArrived + sinceLeft)) {
			out.header(rosterHeader(this.d));
			int serial = 0;
			for (int i = 0; i < n; i++) {
				fill(p, globals[i], r, employerColumn);
				p.level = tier(tiers, n - i, r);
				render(p, this.identities.id(globals[i]), columns, cells, r);
				if (i % stride == stride - 1 && skipped < notYetArrived) {
					skipped++;
					continue;
				}
				if (employerAt >= 0) {
					// most employers' qualifications came later than this list: no employer, no warnings
					cells[employerAt] = "";
				}
				if (serialAt >= 0) {
					cells[serialAt] = Integer.toString(++serial);
				}
				out.row(cells);
			}
			// people who have left since: globals of the district's range no other roster uses
			SplittableRandom leftRandom = this.badRandom.split();
			for (int j = 0; j < sinceLeft; j++) {
				long global = this.d.badBase() + 5_000 + j;
				fill(p, global, leftRandom, false);
				render(p, this.identities.id(global), columns, cells, leftRandom);
				if (serialAt >= 0) {
					cells[serialAt] = Integer.toString(++serial);
				}
				out.row(cells);
			}
			this.rows += out.rows();
			this.files += out.files();
		}
		if (skipped != notYetArrived) {
			throw new IllegalStateException("the earlier roster of " + this.d + " cannot leave out " + notYetArrived);
		}
	}

	/**
	 * Writes the district's enterprise and platform lists as they stood on {@code asOf}: the clean
	 * records of the current lists granted or approved by then (a list never holds later dates), no
	 * bad records. Call after {@link #writeEarlierRoster}, which draws the enterprises.
	 */
	void writeEarlierLists(Path folder, LocalDate asOf) throws IOException {
		EnterpriseColumn[] columns = enterpriseColumns(this.d);
		SplittableRandom r = this.enterpriseRandom;
		List<String[]> clean = new ArrayList<>();
		for (Qualification q : this.qualifications) {
			String[] cells = enterpriseCells(columns, renderUscc(this.usccs[q.enterprise()], r),
					this.enterpriseNames[q.enterprise()], any(r, qualificationVariants(this.d, q.qualification())),
					formatDate(this.d, q.date(), r), r);
			if (!q.date().isAfter(asOf)) {
				clean.add(cells);
			}
		}
		boolean[] dates = new boolean[columns.length];
		dates[indexOf(columns, EnterpriseColumn.DATE)] = true;
		try (RowSink out = sink(folder, enterpriseFile(this.d), "企业名单", title("专精特新及科技型企业名单"), dates, clean.size())) {
			writeTable(out, enterpriseHeader(this.d), clean, new ArrayList<>(), indexOf(columns, EnterpriseColumn.SERIAL));
		}
		if (platformFile(this.d) == null) {
			return;
		}
		PlatformColumn[] platformColumns = platformColumns(this.d);
		SplittableRandom pr = this.platformRandom;
		Set<String> names = new HashSet<>();
		List<String[]> platforms = new ArrayList<>();
		for (PlatformCount count : platformCounts(this.d)) {
			for (int i = 0; i < count.count(); i++) {
				Platform p = platform(count.type(), count.level(), names, pr);
				String[] cells = platformCells(platformColumns, w(p.name()), p, PLATFORM_LEVEL_NAMES[p.level()], pr);
				if (!p.date().isAfter(asOf)) {
					platforms.add(cells);
				}
			}
		}
		boolean[] platformDates = new boolean[platformColumns.length];
		platformDates[indexOf(platformColumns, PlatformColumn.DATE)] = true;
		try (RowSink out = sink(folder, platformFile(this.d), "创新平台", title("科技创新平台名单"), platformDates,
				platforms.size())) {
			writeTable(out, platformHeader(this.d), platforms, new ArrayList<>(),
					indexOf(platformColumns, PlatformColumn.SERIAL));
		}
	}

	private List<Injected> planRosterBad(long[] globals, RosterColumn[] columns, boolean employerColumn) {
		SplittableRandom b = this.badRandom;
		int n = globals.length;
		int idAt = indexOf(columns, RosterColumn.ID);
		int nameAt = indexOf(columns, RosterColumn.NAME);
		int categoriesAt = indexOf(columns, RosterColumn.CATEGORIES);
		int educationAt = indexOf(columns, RosterColumn.EDUCATION);
		int titleAt = indexOf(columns, RosterColumn.TITLE);
		List<Injected> plan = new ArrayList<>();
		Person p = new Person();
		for (int i = 0; i < ROSTER_BAD.get(QuarantineRule.ID_CHECKSUM.key()); i++) {
			long g = this.nextBadPerson++;
			char[] id = this.identities.id(g).toCharArray();
			id[17] = (id[17] == 'X') ? (char) ('0' + b.nextInt(10)) : (char) ('0' + (id[17] - '0' + 1 + b.nextInt(9)) % 10);
			plan.add(new Injected(b.nextInt(n), plan.size(), row(p, g, new String(id), columns, employerColumn, b), -1));
		}
		for (int i = 0; i < ROSTER_BAD.get(QuarantineRule.ID_BIRTH_DATE.key()); i++) {
			long g = this.nextBadPerson++;
			String id = this.identities.idWithBirthDate(g, (i % 2 == 0) ? "19991332" : "20300101");
			plan.add(new Injected(b.nextInt(n), plan.size(), row(p, g, id, columns, employerColumn, b), -1));
		}
		for (int i = 0; i < ROSTER_BAD.get(QuarantineRule.ID_FORMAT.key()); i++) {
			long g = this.nextBadPerson++;
			String valid = this.identities.id(g);
			// a digit lost, or the letter O typed for a zero
			String id = (i % 2 == 0) ? valid.substring(0, 17) : valid.substring(0, 10) + "O" + valid.substring(11);
			plan.add(new Injected(b.nextInt(n), plan.size(), row(p, g, id, columns, employerColumn, b), -1));
		}
		String blank = (this.d == District.QIJIANG) ? "\u3000" : "";
		// the same records in the same order as always: first the nameless, then those without an ID number
		int missing = ROSTER_BAD.get(QuarantineRule.REQUIRED_MISSING.key()) + ROSTER_BAD.get(QuarantineRule.ID_MISSING.key());
		for (int i = 0; i < missing; i++) {
			String[] cells;
			if (i < ROSTER_BAD.get(QuarantineRule.REQUIRED_MISSING.key())) {
				// a clean person's ID, so naive counts of valid IDs stay exact
				long g = globals[b.nextInt(n)];
				cells = row(p, g, this.identities.id(g), columns, employerColumn, b);
				cells[nameAt] = blank;
			}
			else {
				long g = this.nextBadPerson++;
				cells = row(p, g, this.identities.id(g), columns, employerColumn, b);
				cells[idAt] = blank;
			}
			plan.add(new Injected(b.nextInt(n), plan.size(), cells, -1));
		}
		for (int i = 0; i < ROSTER_BAD.get(QuarantineRule.CATEGORY_UNKNOWN.key()); i++) {
			long g = globals[b.nextInt(n)];
			String[] cells = row(p, g, this.identities.id(g), columns, employerColumn, b);
			String unknown = w(UNKNOWN_CATEGORIES[i % UNKNOWN_CATEGORIES.length]);
			cells[categoriesAt] = (i % 2 == 0) ? unknown : categoryName(p.categories[0], b) + separator(b) + unknown;
			plan.add(new Injected(b.nextInt(n), plan.size(), cells, -1));
		}
		for (int i = 0; i < ROSTER_BAD.get(QuarantineRule.VOCABULARY_UNKNOWN.key()); i++) {
			long g = globals[b.nextInt(n)];
			String[] cells = row(p, g, this.identities.id(g), columns, employerColumn, b);
			if (i == 3) {
				cells[titleAt] = w(UNKNOWN_TITLE);
			}
			else {
				cells[educationAt] = w(UNKNOWN_EDUCATION[i % 3 == 2 ? 1 : 0]);
			}
			plan.add(new Injected(b.nextInt(n), plan.size(), cells, -1));
		}
		for (int i = 0; i < ROSTER_BAD.get(QuarantineRule.DUPLICATE.key()); i++) {
			int original = b.nextInt(n - 1);
			int after = original + 1 + b.nextInt(n - 1 - original);
			plan.add(new Injected(after, plan.size(), null, original));
		}
		plan.sort(WRITE_ORDER);
		return plan;
	}

	private String[] row(Person p, long global, String id, RosterColumn[] columns, boolean employerColumn,
			SplittableRandom r) {
		fill(p, global, r, employerColumn);
		String[] cells = new String[columns.length];
		render(p, id, columns, cells, r);
		return cells;
	}

	// ---- shared

	private void writeTable(RowSink out, String[] header, List<String[]> clean, List<Injected> plan, int serialAt)
			throws IOException {
		plan.sort(WRITE_ORDER);
		out.header(header);
		int serial = 0;
		int k = 0;
		for (int i = 0; i < clean.size(); i++) {
			String[] cells = clean.get(i);
			if (serialAt >= 0) {
				cells[serialAt] = Integer.toString(++serial);
			}
			out.row(cells);
			while (k < plan.size() && plan.get(k).after() == i) {
				String[] bad = plan.get(k++).cells();
				if (serialAt >= 0) {
					bad[serialAt] = Integer.toString(++serial);
				}
				out.row(bad);
			}
		}
		this.rows += out.rows();
		this.files += out.files();
	}

	private static <T> int indexOf(T[] values, T value) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] == value) {
				return i;
			}
		}
		return -1;
	}

}
