package cq.talentwarehouse.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static cq.talentwarehouse.demo.MunicipalDataGenerator.*;

/**
 * Writes one district's three files. Roster rows are produced straight into one reused line
 * buffer: at millions of rows per district, per-row objects and formatting would dominate.
 */
final class MunicipalDistrictWriter {

	private final District d;

	private final District source;

	private final Identities identities;

	private final Style style;

	private final SplittableRandom enterpriseRandom;

	private final SplittableRandom platformRandom;

	private final SplittableRandom rosterRandom;

	private final String[] addressCodes;

	private final char[] id = new char[18];

	private String[] usccs;

	private String[] names;

	private long rows;

	private int files;

	/** The snapshot this writes: {@link MunicipalDataGenerator#SNAPSHOT_DATE} unless a history's earlier month. */
	private final LocalDate date;

	/** Which month of a history this is (0 the first), and how many months the history has (1: no history). */
	private final int month;

	private final int months;

	private final long seed;

	MunicipalDistrictWriter(Plan plan, District d, Identities identities, long seed) {
		this(plan, d, identities, seed, 0, 1);
	}

	/**
	 * One month of a history of {@code months} monthly snapshots ending at {@link MunicipalDataGenerator#SNAPSHOT_DATE}:
	 * the same people with the same attributes every month, except who joined, left, moved to the next
	 * district or changed title since the first (see {@link Churn}).
	 */
	MunicipalDistrictWriter(Plan plan, District d, Identities identities, long seed, int month, int months) {
		this.month = month;
		this.months = months;
		this.date = MunicipalDataGenerator.monthEnd(months - 1 - month);
		this.seed = seed;
		this.d = d;
		List<District> all = plan.districts();
		this.source = all.get((d.index() + all.size() - 1) % all.size());
		this.identities = identities;
		this.style = Style.of(d);
		SplittableRandom random = new SplittableRandom(DemoDataGenerator.mix(seed) ^ Long.parseLong(d.code()));
		this.enterpriseRandom = random.split();
		this.platformRandom = random.split();
		this.rosterRandom = random.split();
		List<String> others = new ArrayList<>();
		for (District other : all) {
			others.add(other.code());
		}
		this.addressCodes = others.toArray(new String[0]);
	}

	/** @return data rows and files written */
	long[] write(Path folder) throws IOException {
		Files.createDirectories(folder);
		List<Qualification> qualifications = buildEnterprises();
		writeEnterprises(folder.resolve(this.style.layout().enterpriseFile()), qualifications);
		writePlatforms(folder.resolve(this.style.layout().platformFile()));
		writeRoster(folder.resolve(this.style.layout().rosterFile()));
		return new long[] { this.rows, this.files };
	}

	// ---- enterprises: a few hundred to ~2,000 qualification rows, by size of the district

	private int enterpriseCount() {
		return (int) Math.max(200, Math.min(1_300, Math.round(this.d.population10k().doubleValue() * 6)));
	}

	private List<Qualification> buildEnterprises() {
		SplittableRandom r = this.enterpriseRandom;
		int firms = enterpriseCount();
		this.usccs = new String[firms];
		this.names = new String[firms];
		Set<String> used = new HashSet<>();
		List<Qualification> list = new ArrayList<>();
		LocalDate snapshot = this.date;
		for (int e = 0; e < firms; e++) {
			this.usccs[e] = DemoDataGenerator.uscc(this.d.code(), e);
			this.names[e] = enterpriseName(r, used);
			boolean tech = r.nextInt(100) < 75;
			boolean high = r.nextInt(100) < 30;
			boolean specialized = r.nextInt(100) < 18;
			boolean innovative = r.nextInt(100) < 25;
			int tier = r.nextInt(100);
			boolean little = specialized && tier < 12;
			boolean municipal = specialized && !little && tier < 20;
			if (!(tech || high || specialized || innovative)) {
				tech = true;
			}
			if (little) {
				LocalDate batch = any(r, LITTLE_GIANT_BATCHES);
				if (batch.isAfter(snapshot)) {
					// an earlier month of a history: that batch was not announced yet
					batch = LITTLE_GIANT_BATCHES[0];
				}
				list.add(new Qualification(e, LITTLE_GIANT, batch));
				// the national list is drawn from firms already on the municipal 专精特新 list
				list.add(new Qualification(e, SPECIALIZED,
						between(r, LocalDate.of(2017, 1, 1), batch.minusMonths(10))));
			}
			else if (specialized) {
				list.add(new Qualification(e, SPECIALIZED, between(r, LocalDate.of(2018, 1, 1), snapshot)));
			}
			if (municipal) {
				list.add(new Qualification(e, MUNICIPAL_LITTLE_GIANT,
						between(r, LocalDate.of(2018, 1, 1), LocalDate.of(2021, 6, 30))));
			}
			if (innovative) {
				list.add(new Qualification(e, INNOVATIVE, between(r, LocalDate.of(2022, 6, 1), snapshot)));
			}
			if (high) {
				list.add(new Qualification(e, HIGH_TECH, between(r, LocalDate.of(2012, 1, 1), snapshot)));
			}
			if (tech) {
				list.add(new Qualification(e, TECH_SME, between(r, LocalDate.of(2018, 1, 1), snapshot)));
			}
		}
		// lists arrive grouped by qualification, oldest grant first
		list.sort(Comparator.comparingInt(Qualification::qualification)
			.thenComparing(Qualification::date)
			.thenComparingInt(Qualification::enterprise));
		return list;
	}

	private String enterpriseName(SplittableRandom r, Set<String> used) {
		String[] prefixes = { "重庆", "重庆市", "重庆市" + this.d.name(), "重庆" + this.d.shortName(), this.d.shortName() };
		while (true) {
			int suffix = r.nextInt(100);
			String name = any(r, prefixes) + TRADE_NAME_CHARS.charAt(r.nextInt(TRADE_NAME_CHARS.length()))
					+ TRADE_NAME_CHARS.charAt(r.nextInt(TRADE_NAME_CHARS.length())) + any(r, INDUSTRIES)
					+ ((suffix < 80) ? "有限公司" : (suffix < 92) ? "股份有限公司" : "有限责任公司");
			if (used.add(name)) {
				return name;
			}
		}
	}

	private String date(LocalDate date) {
		int y = date.getYear();
		int m = date.getMonthValue();
		return switch (this.style.dateStyle()) {
			case 0 -> y + "年" + m + "月";
			case 1 -> date.toString();
			case 2 -> y + "/" + two(m) + "/" + two(date.getDayOfMonth());
			default -> y + "." + two(m);
		};
	}

	private String invalidDate() {
		return switch (this.style.dateStyle()) {
			case 0 -> "2023年13月";
			case 1 -> "2024-02-30";
			case 2 -> "2023/13/01";
			default -> "2022.00";
		};
	}

	private static String capital(int enterprise) {
		return (50 + Math.floorMod(DemoDataGenerator.mix(enterprise), 4_950L)) + "万";
	}

	private void writeEnterprises(Path file, List<Qualification> qualifications) throws IOException {
		SplittableRandom r = this.enterpriseRandom;
		EnterpriseColumn[] columns = this.style.layout().enterprise();
		String[] cells = new String[columns.length];
		// one of each rule an enterprise list can break, spread over the file
		String[] bad = { "uscc_checksum", "date_invalid", "duplicate", "vocabulary_unknown", "uscc_format" };
		int n = qualifications.size();
		try (DistrictCsvFile out = new DistrictCsvFile(file, this.style.charset(), ',', this.style.lineEnd(), this.style.bom())) {
			out.row(this.style.layout().enterpriseHeader());
			int serial = 0;
			int nextBad = 0;
			for (int i = 0; i < n; i++) {
				Qualification q = qualifications.get(i);
				String qualification = any(r, QUALIFICATION_VARIANTS[q.qualification()]);
				enterpriseCells(columns, cells, ++serial, this.usccs[q.enterprise()], this.names[q.enterprise()],
						qualification, date(q.date()), q.enterprise());
				out.row(cells);
				if (nextBad < bad.length && i == (2 * nextBad + 1) * n / (2 * bad.length)) {
					String rule = bad[nextBad++];
					switch (rule) {
						case "duplicate" -> {
							// the same line entered twice, serial and all
							out.repeat();
							continue;
						}
						case "uscc_checksum" -> {
							char[] code = DemoDataGenerator.uscc(this.d.code(), this.usccs.length + nextBad).toCharArray();
							int at = DemoDataGenerator.USCC_ALPHABET.indexOf(code[17]);
							code[17] = DemoDataGenerator.USCC_ALPHABET.charAt((at + 1 + r.nextInt(30)) % 31);
							enterpriseCells(columns, cells, ++serial, new String(code),
									enterpriseName(r, new HashSet<>(List.of(this.names))), qualification,
									date(q.date()), q.enterprise());
						}
						case "uscc_format" -> {
							String code = DemoDataGenerator.uscc(this.d.code(), this.usccs.length + nextBad);
							enterpriseCells(columns, cells, ++serial, code.substring(0, 10) + code.substring(11),
									enterpriseName(r, new HashSet<>(List.of(this.names))), qualification,
									date(q.date()), q.enterprise());
						}
						case "date_invalid" -> enterpriseCells(columns, cells, ++serial, this.usccs[q.enterprise()],
								this.names[q.enterprise()], qualification, invalidDate(), q.enterprise());
						default -> enterpriseCells(columns, cells, ++serial, this.usccs[q.enterprise()],
								this.names[q.enterprise()], UNKNOWN_QUALIFICATION, date(q.date()), q.enterprise());
					}
					out.row(cells);
				}
			}
			this.rows += out.lines() - 1; // the header is no record
			this.files++;
		}
	}

	private static void enterpriseCells(EnterpriseColumn[] columns, String[] cells, int serial, String uscc,
			String name, String qualification, String date, int enterprise) {
		for (int c = 0; c < columns.length; c++) {
			cells[c] = switch (columns[c]) {
				case SERIAL -> Integer.toString(serial);
				case USCC -> uscc;
				case NAME -> name;
				case QUALIFICATION -> qualification;
				case DATE -> date;
				case CAPITAL -> capital(enterprise);
			};
		}
	}

	// ---- platforms: tens to ~150, by size of the district

	private void writePlatforms(Path file) throws IOException {
		SplittableRandom r = this.platformRandom;
		int count = (int) Math.max(30, Math.min(150, Math.round(this.d.population10k().doubleValue() * 0.9)));
		PlatformColumn[] columns = this.style.layout().platform();
		String[] cells = new String[columns.length];
		Set<String> used = new HashSet<>();
		int levelVariant = this.d.county() ? 1 : 0;
		try (DistrictCsvFile out = new DistrictCsvFile(file, this.style.charset(), ',', this.style.lineEnd(), this.style.bom())) {
			out.row(this.style.layout().platformHeader());
			// one bad row in a small list (keeps it under the 5 % reject threshold), two in a large one
			int badRows = (count >= 100) ? 2 : 1;
			int serial = 0;
			for (int i = 0; i < count; i++) {
				int type = DemoDataGenerator.pick(r, PLATFORM_TYPE_WEIGHTS);
				int level = DemoDataGenerator.pick(r, PLATFORM_LEVEL_WEIGHTS);
				if ((type == ACADEMICIAN || type == POSTDOC) && level == 2) {
					level = 1;
				}
				String typeText = any(r, PLATFORM_TYPE_VARIANTS[type]);
				int host = r.nextInt(this.usccs.length);
				String name = platformName(type, level, typeText, host, r, used);
				String levelText = PLATFORM_LEVEL_VARIANTS[level][(level == 2) ? levelVariant : 0];
				String date = date(between(r, LocalDate.of(2010, 1, 1), this.date));
				boolean hosted = type != INCUBATOR || r.nextInt(10) < 4;
				platformCells(columns, cells, ++serial, name, typeText, levelText, hosted ? this.usccs[host] : "", date);
				out.row(cells);
				if (i == count / 3 || (badRows == 2 && i == 2 * count / 3)) {
					boolean unknownLevel = (this.d.index() + ((i == count / 3) ? 0 : 1)) % 2 == 0;
					String badName = unknownLevel ? platformName(INCUBATOR, 2, "众创空间", host, r, used) : "";
					platformCells(columns, cells, ++serial, badName, typeText,
							unknownLevel ? UNKNOWN_PLATFORM_LEVEL : levelText, this.usccs[host], date);
					out.row(cells);
				}
			}
			this.rows += out.lines() - 1; // the header is no record
			this.files++;
		}
	}

	private String platformName(int type, int level, String typeText, int host, SplittableRandom r,
			Set<String> used) {
		for (int attempt = 0;; attempt++) {
			String name = switch (type) {
				case KEY_LAB -> (level == 0 ? "" : "重庆市") + any(r, TOPICS) + typeText;
				case INCUBATOR -> this.d.shortName() + any(r, AREAS) + any(r, INCUBATOR_THEMES) + typeText;
				case MASTER -> "" + SURNAMES.charAt(r.nextInt(SURNAMES.length()))
						+ GIVEN.charAt(r.nextInt(GIVEN.length())) + GIVEN.charAt(r.nextInt(GIVEN.length())) + typeText;
				case RD, ACADEMICIAN, POSTDOC -> this.names[(attempt == 0) ? host : r.nextInt(this.names.length)]
						+ typeText;
				default -> this.d.shortName() + any(r, AREAS) + any(r, INCUBATOR_THEMES) + typeText;
			};
			if (attempt > 20) {
				name = name + "（" + attempt + "）";
			}
			if (used.add(name)) {
				return name;
			}
		}
	}

	private static void platformCells(PlatformColumn[] columns, String[] cells, int serial, String name,
			String type, String level, String host, String date) {
		for (int c = 0; c < columns.length; c++) {
			cells[c] = switch (columns[c]) {
				case SERIAL -> Integer.toString(serial);
				case NAME -> name;
				case TYPE -> type;
				case LEVEL -> level;
				case HOST -> host;
				case DATE -> date;
			};
		}
	}

	// ---- roster

	/** Bad-row rules in the order they are spread over a roster; small rosters get the first ones. */
	private static final String[] ROSTER_BAD = { "id_checksum", "duplicate", "category_unknown", "id_birth_date",
			"vocabulary_unknown", "id_format", "required_missing" };

	private static final char[] FUTURE_BIRTH = "20300101".toCharArray();

	private static final char[] NO_SUCH_DAY = "19991332".toCharArray();

	private void writeRoster(Path file) throws IOException {
		SplittableRandom r = this.rosterRandom;
		RosterColumn[] columns = this.style.layout().roster();
		String separator = this.style.layout().separator();
		int n = this.d.people();
		int shared = this.d.shared();
		int bad = this.d.badRows();
		int levelVariant = this.d.county() ? 1 : 0;
		int[] tiersLeft = new int[3];
		for (int t = 0; t < 3; t++) {
			tiersLeft[t] = (int) ((long) n * TIER_PER_100K[t] / 100_000);
		}
		try (DistrictCsvFile out = new DistrictCsvFile(file, this.style.charset(), ',', this.style.lineEnd(), this.style.bom())) {
			out.row(this.style.layout().rosterHeader());
			StringBuilder line = out.line();
			int[] categories = new int[3];
			int serial = 0;
			int borrowed = 0;
			int own = 0;
			int nextBad = 0;
			long nextBadAfter = (bad == 0) ? -1 : (long) n / (2L * bad);
			for (int i = 0; i < n; i++) {
				long global;
				District home;
				if (borrowed < shared && i % SHARED_EVERY == SHARED_EVERY - 1) {
					// spread over the source district's own people, none twice
					global = this.source.base() + (long) borrowed * this.source.own() / shared;
					home = this.source;
					borrowed++;
				}
				else {
					global = this.d.base() + own++;
					home = this.d;
				}
				boolean present = true;
				boolean titleChanged = false;
				if (this.months > 1) {
					// a history: attributes drawn per person, so they stay from month to month
					long h = this.identities.hash(global);
					boolean mover = home == this.d && (own - 1) % Churn.MOVE_EVERY == Churn.MOVE_OFFSET;
					present = Churn.present(h, this.month, this.months, mover);
					r = new SplittableRandom(DemoDataGenerator.mix(this.seed ^ h));
					titleChanged = Churn.titleChanged(h, this.month, this.months);
				}
				if (present) {
					rosterRow(global, home, columns, separator, categories, tiersLeft, n - i, levelVariant, line, ++serial, r,
							titleChanged);
					out.endLine();
				}
				r = this.rosterRandom;
				if (i == nextBadAfter) {
					String rule = ROSTER_BAD[nextBad % ROSTER_BAD.length];
					if (rule.equals("duplicate") && present) {
						out.repeat();
					}
					else if (!rule.equals("duplicate")) {
						badRow(rule, global, home, columns, line, ++serial, this.d.badBase() + nextBad, r);
						out.endLine();
					}
					nextBad++;
					nextBadAfter = (nextBad < bad) ? (2L * nextBad + 1) * n / (2L * bad) : -1;
				}
			}
			if (own != this.d.own() || borrowed != shared) {
				throw new IllegalStateException("roster of " + this.d.code() + " did not come out as planned");
			}
			if (this.months > 1) {
				// people of the previous district who moved here by this month (the source's own people only)
				for (long j = Churn.MOVE_OFFSET; j < this.source.own(); j += Churn.MOVE_EVERY) {
					long global = this.source.base() + j;
					long h = this.identities.hash(global);
					// present in the source by the same rules, but here rather than there from the month they moved
					if (Churn.movedBy(h, this.month, this.months) && Churn.present(h, this.month, this.months, false)) {
						rosterRow(global, this.source, columns, separator, categories, tiersLeft, n, levelVariant, line,
								++serial, new SplittableRandom(DemoDataGenerator.mix(this.seed ^ h)),
								Churn.titleChanged(h, this.month, this.months));
						out.endLine();
					}
				}
			}
			this.rows += out.lines() - 1; // the header is no record
			this.files++;
		}
	}

	/** One clean roster row of a person into {@code line}. */
	private void rosterRow(long global, District home, RosterColumn[] columns, String separator, int[] categories,
			int[] tiersLeft, int remaining, int levelVariant, StringBuilder line, int serial, SplittableRandom r,
			boolean titleChanged) {
		this.identities.id(global, address(global, home), null, this.id);
		int primary = DemoDataGenerator.pick(r, MAIN_WEIGHTS);
		int count = categories(primary, categories, r);
		int tier = DemoDataGenerator.tier(tiersLeft, remaining, r);
		line.setLength(0);
		for (int c = 0; c < columns.length; c++) {
			if (c > 0) {
				line.append(',');
			}
			switch (columns[c]) {
				case SERIAL -> line.append(serial);
				case NAME -> this.identities.name(global, line);
				case GENDER -> line.append(((this.id[16] - '0') & 1) == 1 ? '男' : '女');
				case ID -> line.append(this.id);
				case CATEGORIES -> {
					for (int k = 0; k < count; k++) {
						if (k > 0) {
							line.append(separator);
						}
						String[] variants = CATEGORY_VARIANTS[categories[k]];
						line.append((r.nextInt(100) < 88) ? variants[0] : any(r, variants));
					}
				}
				case EDUCATION -> {
					if (r.nextInt(100) < 95) {
						line.append(any(r, EDUCATION_VARIANTS[DemoDataGenerator.pick(r, EDUCATION_WEIGHTS[primary])]));
					}
				}
				case TITLE -> {
					if (r.nextInt(100) < TITLE_PERCENT[primary]) {
						String[] series = TITLE_SERIES[r.nextInt(TITLE_SERIES.length)];
						int level = DemoDataGenerator.pick(r, TITLE_LEVEL_WEIGHTS);
						// promoted one level (正高级 stays) since the month drawn for the person
						line.append(series[titleChanged ? Math.max(0, level - 1) : level]);
					}
				}
				case SKILL -> {
					if (has(categories, count, HS)) {
						line.append(any(r, SKILL_VARIANTS[DemoDataGenerator.pick(r, HIGH_SKILL_WEIGHTS)]));
					}
					else if (primary == RP && r.nextInt(100) < 12) {
						line.append(any(r, SKILL_VARIANTS[4 + r.nextInt(2)]));
					}
				}
				case LEVEL -> {
					if (tier < 3) {
						String[] variants = TALENT_LEVEL_VARIANTS[tier];
						line.append(variants[(tier == 2) ? levelVariant : r.nextInt(variants.length)]);
					}
					else if (r.nextInt(100) < 30) {
						line.append(TALENT_LEVEL_VARIANTS[3][0]);
					}
				}
				case EMPLOYER -> {
					int u = r.nextInt(100);
					if (u < 58) {
						line.append(this.usccs[r.nextInt(this.usccs.length)]);
					}
					else if (u < 60) {
						// a head office registered in 渝中, so employer warnings have something to count
						line.append(DemoDataGenerator.uscc("500103", 900_000 + r.nextInt(500)));
					}
				}
			}
		}
	}

	/**
	 * A row breaking one rule: a person who exists only here (for ID and required-field rules) or
	 * the person just written, re-entered with a value no vocabulary knows.
	 */
	private void badRow(String rule, long current, District home, RosterColumn[] columns, StringBuilder line,
			int serial, long fresh, SplittableRandom r) {
		long global = switch (rule) {
			case "category_unknown", "vocabulary_unknown" -> current;
			default -> fresh;
		};
		District owner = (global == current) ? home : this.d;
		char[] birth = rule.equals("id_birth_date") ? ((fresh % 2 == 0) ? FUTURE_BIRTH : NO_SUCH_DAY) : null;
		this.identities.id(global, address(global, owner), birth, this.id);
		String id = new String(this.id);
		if (rule.equals("id_checksum")) {
			char last = this.id[17];
			char wrong = (last == 'X') ? (char) ('0' + r.nextInt(10)) : (char) ('0' + (last - '0' + 1 + r.nextInt(9)) % 10);
			id = id.substring(0, 17) + wrong;
		}
		else if (rule.equals("id_format")) {
			// a digit lost, or the letter O typed for a zero
			id = (fresh % 2 == 0) ? id.substring(0, 17) : id.substring(0, 10) + "O" + id.substring(11);
		}
		line.setLength(0);
		for (int c = 0; c < columns.length; c++) {
			if (c > 0) {
				line.append(',');
			}
			switch (columns[c]) {
				case SERIAL -> line.append(serial);
				case NAME -> {
					if (!rule.equals("required_missing")) {
						this.identities.name(global, line);
					}
				}
				case GENDER -> line.append(((this.id[16] - '0') & 1) == 1 ? '男' : '女');
				case ID -> line.append(id);
				case CATEGORIES -> {
					if (rule.equals("category_unknown")) {
						line.append(CATEGORY_VARIANTS[0][0]).append(this.style.layout().separator())
							.append(UNKNOWN_CATEGORIES[(int) (fresh % UNKNOWN_CATEGORIES.length)]);
					}
					else {
						line.append(CATEGORY_VARIANTS[0][0]);
					}
				}
				case EDUCATION -> line.append(rule.equals("vocabulary_unknown") ? UNKNOWN_EDUCATION : "大学本科");
				case TITLE, SKILL, LEVEL, EMPLOYER -> {
					// left empty
				}
			}
		}
	}

	/** Mostly the district's own code; some people were born elsewhere in Chongqing or beyond. */
	private String address(long global, District home) {
		long h = this.identities.hash(global);
		int u = (int) Math.floorMod(h >>> 40, 100L);
		if (u < 85) {
			return home.code();
		}
		if (u < 95) {
			return this.addressCodes[(int) Math.floorMod(h >>> 20, (long) this.addressCodes.length)];
		}
		return OUTSIDE_ADDRESS_CODES[(int) Math.floorMod(h >>> 10, (long) OUTSIDE_ADDRESS_CODES.length)];
	}

	/** The primary category, sometimes a key field and sometimes a second of the six. */
	private static int categories(int primary, int[] out, SplittableRandom r) {
		int count = 0;
		out[count++] = primary;
		if (r.nextInt(100) < 30) {
			out[count++] = ST + r.nextInt(4);
		}
		if (r.nextInt(100) < 6) {
			int other = DemoDataGenerator.pick(r, MAIN_WEIGHTS);
			if (other != primary) {
				out[count++] = other;
			}
		}
		return count;
	}

	private static boolean has(int[] categories, int count, int category) {
		for (int i = 0; i < count; i++) {
			if (categories[i] == category) {
				return true;
			}
		}
		return false;
	}

}
