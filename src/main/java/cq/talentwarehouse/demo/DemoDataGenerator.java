package cq.talentwarehouse.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.ibm.icu.text.Transliterator;

import cq.talentwarehouse.normalize.QuarantineRule;
import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.reference.Vocabulary;
import cq.talentwarehouse.validate.ResidentIdNumber;
import cq.talentwarehouse.validate.SocialCreditCode;

import static cq.talentwarehouse.normalize.QuarantineRule.CATEGORY_UNKNOWN;
import static cq.talentwarehouse.normalize.QuarantineRule.DATE_INVALID;
import static cq.talentwarehouse.normalize.QuarantineRule.DUPLICATE;
import static cq.talentwarehouse.normalize.QuarantineRule.ID_BIRTH_DATE;
import static cq.talentwarehouse.normalize.QuarantineRule.ID_CHECKSUM;
import static cq.talentwarehouse.normalize.QuarantineRule.ID_FORMAT;
import static cq.talentwarehouse.normalize.QuarantineRule.ID_MISSING;
import static cq.talentwarehouse.normalize.QuarantineRule.REQUIRED_MISSING;
import static cq.talentwarehouse.normalize.QuarantineRule.USCC_CHECKSUM;
import static cq.talentwarehouse.normalize.QuarantineRule.USCC_FORMAT;
import static cq.talentwarehouse.normalize.QuarantineRule.VOCABULARY_UNKNOWN;

/**
 * Writes deterministic demo snapshots of the four seed districts (江津, 綦江, 黔江, 秀山) into a landing
 * zone, each in the file layout and the messy style its pipeline file describes.
 *
 * <p>The clean records reproduce the published figures of {@code seeds/reported_indicators.csv}
 * exactly when counted as the warehouse counts them (distinct people per district, distinct
 * enterprises per qualification, platforms per type and level). Bad records are injected on top,
 * a few per quarantine rule, so they never change those counts; {@link Summary#badRecords()} says
 * how many of each were written.
 *
 * <p>Same seed, same bytes: every random choice comes from a {@link SplittableRandom} derived from
 * the seed and the district code, identities are pure functions of a person's index, and nothing
 * depends on the clock or on hash iteration order.
 */
public final class DemoDataGenerator {

	/** The seed the CLI and the first run use. */
	public static final long DEFAULT_SEED = 20231231L;

	/**
	 * What was written.
	 * @param cleanRosterPeople distinct valid people per district code (the 人才资源总量 the warehouse
	 * must count)
	 * @param files files written
	 * @param rows data rows written (headers excluded), clean and bad
	 * @param badRecords injected bad records per {@code <district code>/<roster|enterprise|platform>},
	 * by the quarantine rule the warehouse must report for them
	 */
	public record Summary(Map<String, Integer> cleanRosterPeople, int files, long rows,
			Map<String, Map<String, Integer>> badRecords, Map<String, String> snapshotFolders) {

		/**
		 * Per district and source, what a load of these extracts reads: clean roster people and the bad
		 * records by the rule {@code ops.quarantine} reports them under.
		 */
		public List<String[]> table(java.util.function.UnaryOperator<String> districtName) {
			List<String[]> rows = new java.util.ArrayList<>();
			for (Map.Entry<String, Map<String, Integer>> e : this.badRecords.entrySet()) {
				String[] key = e.getKey().split("/", 2);
				int bad = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
				StringBuilder rules = new StringBuilder();
				e.getValue().forEach((rule, n) -> rules.append((rules.length() > 0) ? ", " : "").append(rule).append(' ').append(n));
				rows.add(new String[] { key[0], districtName.apply(key[0]), this.snapshotFolders.get(key[0]), key[1],
						key[1].equals("roster") ? String.valueOf(this.cleanRosterPeople.get(key[0])) : "",
						String.valueOf(bad), rules.toString() });
			}
			rows.sort(java.util.Comparator.comparing((String[] r) -> r[0]).thenComparing((r) -> r[3]));
			return rows;
		}

	}

	private DemoDataGenerator() {
	}

	/** Whether a pipeline is one of the bundled seed districts' (same code, same landing folder). */
	public static boolean isSeedDistrict(String code, String landingFolder) {
		for (District d : District.values()) {
			if (d.code.equals(code) && d.landing.equals(landingFolder)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Writes {@code landingRoot/<landing>/<snapshot date>/} for each seed district, replacing files
	 * of the same name.
	 */
	public static Summary generate(Path landingRoot, long seed) {
		Script script = new Script();
		verifyVocabulary(script);
		Identities identities = new Identities(seed, script);
		Map<String, Integer> people = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> bad = new LinkedHashMap<>();
		Map<String, String> folders = new LinkedHashMap<>();
		int files = 0;
		long rows = 0;
		try {
			for (District d : District.values()) {
				Path folder = landingRoot.resolve(d.landing).resolve(d.snapshot.toString());
				Files.createDirectories(folder);
				DistrictWriter writer = new DistrictWriter(d, identities, script,
						new SplittableRandom(mix(seed) ^ Long.parseLong(d.code)));
				writer.write(folder);
				people.put(d.code, d.people);
				folders.put(d.code, d.landing + "/" + d.snapshot);
				bad.putAll(writer.badRecords);
				files += writer.files;
				rows += writer.rows;
				if (d.earlier != null) {
					// an earlier roster: the same random sequence draws the same people the same way
					Path earlier = Files.createDirectories(landingRoot.resolve(d.landing).resolve(d.earlier.toString()));
					DistrictWriter history = new DistrictWriter(d, identities, script,
							new SplittableRandom(mix(seed) ^ Long.parseLong(d.code)));
					history.writeEarlierRoster(earlier, d.arrivedSinceEarlier, d.arrivalStride, d.leftSinceEarlier);
					history.writeEarlierLists(earlier, d.earlier);
					files += history.files;
					rows += history.rows;
				}
			}
			LandingZone.markAsDemo(landingRoot);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write demo data into " + landingRoot, ex);
		}
		return new Summary(Collections.unmodifiableMap(people), files, rows, Collections.unmodifiableMap(bad),
				Collections.unmodifiableMap(folders));
	}

	// ---------------------------------------------------------------------------------------------
	// Districts

	enum District {

		// Order matters: a district shares people only with one generated before it.
		JIANGJIN("500116", "jiangjin", LocalDate.of(2023, 12, 31), 236_100, StandardCharsets.UTF_8, true, ',', "\r\n"),
		QIJIANG("500110", "qijiang", LocalDate.of(2021, 8, 31), 162_480, StandardCharsets.UTF_8, false, ',', "\r\n"),
		QIANJIANG("500114", "qianjiang", LocalDate.of(2025, 10, 22), 61_200, Charset.forName("GB18030"), false, ',',
				"\r\n"),
		XIUSHAN("500241", "xiushan", LocalDate.of(2021, 8, 31), 45_800, StandardCharsets.UTF_8, false, ';', "\n");

		final String code;

		final String landing;

		final LocalDate snapshot;

		/**
		 * The date of an earlier roster the district also sends (null: none), and how the current one
		 * differs from it: {@code arrivedSinceEarlier} people of the current roster (every
		 * {@code arrivalStride}-th) are not on it, {@code leftSinceEarlier} people on it are not on the
		 * current one. 黔江 publishes "年度人才净流入持续超过1200人" (2025): its roster a year before
		 * lacks 1,600 of today's people and lists 350 who left, a net inflow of 1,250. 江津's plan
		 * (“十四五”, 2021-2025) measures from the end of 2020: its roster of 2020-12-31 lacks 25,000
		 * of the 2023 people and lists 4,000 who left, so its plan progress can be computed.
		 */
		LocalDate earlier;

		int arrivedSinceEarlier;

		int arrivalStride;

		int leftSinceEarlier;

		/** Distinct people on the clean roster, shared ones included. */
		final int people;

		final Charset charset;

		final boolean bom;

		final char delimiter;

		final String lineEnd;

		District(String code, String landing, LocalDate snapshot, int people, Charset charset, boolean bom,
				char delimiter, String lineEnd) {
			this.code = code;
			this.landing = landing;
			this.snapshot = snapshot;
			this.people = people;
			this.charset = charset;
			this.bom = bom;
			this.delimiter = delimiter;
			this.lineEnd = lineEnd;
		}

		static {
			JIANGJIN.earlier = LocalDate.of(2020, 12, 31);
			JIANGJIN.arrivedSinceEarlier = 25_000;
			JIANGJIN.arrivalStride = 9;
			JIANGJIN.leftSinceEarlier = 4_000;
			QIANJIANG.earlier = LocalDate.of(2024, 10, 22);
			QIANJIANG.arrivedSinceEarlier = 1_600;
			QIANJIANG.arrivalStride = 38;
			QIANJIANG.leftSinceEarlier = 350;
		}

		District sharesWith() {
			return switch (this) {
				case QIJIANG -> JIANGJIN;
				case XIUSHAN -> QIANJIANG;
				default -> null;
			};
		}

		int shared() {
			return switch (this) {
				case QIJIANG -> 1_500;
				case XIUSHAN -> 300;
				default -> 0;
			};
		}

		/** Every n-th person of the source district is the one who is on both rosters. */
		int sourceStride() {
			return (this == QIJIANG) ? 157 : 200;
		}

		/** Every n-th row of this roster is a shared person (until all are placed). */
		int slotStride() {
			return (this == QIJIANG) ? 108 : 152;
		}

		int own() {
			return this.people - shared();
		}

		/** First global person index of this district's own people; ranges never overlap. */
		long base() {
			long base = 0;
			for (District d : values()) {
				if (d == this) {
					return base;
				}
				base += d.own();
			}
			throw new IllegalStateException();
		}

		/** Global indices of people that appear only in bad records. */
		long badBase() {
			return 900_000L + ordinal() * 10_000L;
		}

		static District home(long global) {
			for (District d : values()) {
				long base = d.base();
				if ((global >= base && global < base + d.own())
						|| (global >= d.badBase() && global < d.badBase() + 10_000)) {
					return d;
				}
			}
			throw new IllegalArgumentException("no district owns person " + global);
		}

		boolean traditional() {
			return this == QIANJIANG;
		}

	}

	/** Address codes of ID numbers by home district: mostly its own, some older or neighbouring ones. */
	private static final Map<District, String[]> ADDRESS_CODES = Map.of(
			District.JIANGJIN,
			new String[] { "500116", "500381", "510282", "510225", "512121", "510222", "500110", "500113", "500106",
					"510232", "500118", "500222" },
			District.QIJIANG,
			new String[] { "500110", "500222", "510223", "510216", "500116", "510222", "500113", "520321" },
			District.QIANJIANG,
			new String[] { "500114", "513523", "512328", "500239", "500241", "500242", "500243", "422826" },
			District.XIUSHAN, new String[] { "500241", "513522", "512330", "500242", "500114", "433124", "522229" });

	private static final Map<District, int[]> ADDRESS_WEIGHTS = Map.of(
			District.JIANGJIN, new int[] { 800, 40, 30, 30, 10, 20, 20, 10, 10, 10, 10, 10 },
			District.QIJIANG, new int[] { 780, 60, 40, 40, 20, 20, 20, 20 },
			District.QIANJIANG, new int[] { 800, 60, 30, 40, 20, 20, 20, 10 },
			District.XIUSHAN, new int[] { 820, 60, 30, 30, 20, 20, 20 });

	// ---------------------------------------------------------------------------------------------
	// Vocabularies as districts write them (Simplified; 黔江 converts to Traditional when writing)

	static final String[] CATEGORY_CODES = { "professional_technical", "high_skilled", "enterprise_management",
			"rural_practical", "party_government", "social_work", "science_tech", "education", "health",
			"commerce_logistics" };

	static final int PT = 0, HS = 1, EM = 2, RP = 3, PG = 4, SW = 5, ST = 6, ED = 7, HE = 8, CL = 9;

	static final String[][] CATEGORY_VARIANTS = { { "专业技术人才", "专技人才", "专业技术人员" },
			{ "高技能人才", "高技能人才队伍" }, { "企业经营管理人才", "企业经营管理人员", "经营管理人才" },
			{ "农村实用人才", "乡村实用人才" }, { "党政人才", "党政干部人才" }, { "社会工作专业人才", "社会工作人才", "社工人才" },
			{ "科技人才", "科技创新人才" }, { "教育人才", "教育系统人才" }, { "医疗卫生人才", "卫生健康人才", "卫生人才" },
			{ "商贸物流人才" } };

	/** 秀山's own names, mapped by the {@code values} section of its pipeline. */
	private static final Map<String, String> XIUSHAN_CATEGORY_VALUES = Map.of("乡土人才", "rural_practical", "电商人才",
			"commerce_logistics");

	/** Of the six 人才资源总量 categories, in {@link #CATEGORY_CODES} order. */
	static final int[] MAIN_WEIGHTS = { 40, 20, 14, 12, 8, 6 };

	/** Second (key field) category by primary category: 科技, 教育, 医疗卫生, 商贸物流. */
	static final int[][] KEY_FIELD_WEIGHTS = { { 30, 35, 30, 5 }, { 55, 0, 0, 45 }, { 35, 0, 0, 65 },
			{ 40, 0, 0, 60 }, { 30, 30, 20, 20 }, { 0, 40, 60, 0 } };

	static final String[] EDUCATION_CODES = { "doctorate", "master", "bachelor", "college", "upper_secondary",
			"lower_secondary_or_below" };

	static final String[][] EDUCATION_VARIANTS = { { "博士研究生", "博士", "博士学历" },
			{ "硕士研究生", "硕士", "研究生", "硕士学历" }, { "大学本科", "本科", "本科学历" }, { "大学专科", "大专", "专科", "大专学历" },
			{ "高中及中专", "中专", "高中", "技校", "职高" }, { "初中及以下", "初中", "小学" } };

	/** By primary category. */
	static final int[][] EDUCATION_WEIGHTS = { { 2, 12, 50, 28, 7, 1 }, { 0, 0, 8, 35, 50, 7 },
			{ 1, 8, 40, 32, 15, 4 }, { 0, 0, 3, 12, 35, 50 }, { 1, 15, 60, 20, 4, 0 }, { 0, 5, 45, 40, 10, 0 } };

	static final String[] TITLE_CODES = { "senior", "associate_senior", "intermediate", "junior" };

	static final String[] TEACHER = { "正高级教师", "高级教师", "一级教师", "二级教师" };

	static final String[] LECTURER = { "教授", "副教授", "讲师", "助教" };

	static final String[] DOCTOR = { "主任医师", "副主任医师", "主治医师", "医师" };

	static final String[] NURSE = { "主任护师", "副主任护师", "主管护师", "护师" };

	static final String[] RESEARCHER = { "研究员", "副研究员", "助理研究员", "技术员" };

	static final String[] ENGINEER = { "正高级工程师", "高级工程师", "工程师", "助理工程师" };

	static final String[] ECONOMIST = { "正高级经济师", "高级经济师", "经济师", "助理经济师" };

	static final String[] ACCOUNTANT = { "正高级会计师", "高级会计师", "会计师", "助理会计师" };

	static final String[] AGRONOMIST = { "正高级农艺师", "高级农艺师", "农艺师", "助理农艺师" };

	static final String[] TITLE_LEVEL = { "正高级", "副高级", "中级", "初级" };

	static final String[] TITLE_LEVEL_LONG = { "正高级职称", "副高级职称", "中级职称", "初级职称" };

	private static final String[][] TITLE_SERIES = { TEACHER, LECTURER, DOCTOR, NURSE, RESEARCHER, ENGINEER, ECONOMIST,
			ACCOUNTANT, AGRONOMIST, TITLE_LEVEL, TITLE_LEVEL_LONG };

	/** Chance of a 职称 by primary category, in percent. */
	static final int[] TITLE_PERCENT = { 85, 3, 15, 6, 8, 30 };

	static final int[] TITLE_LEVEL_WEIGHTS = { 4, 20, 40, 36 };

	static final String[] SKILL_CODES = { "senior_worker", "technician", "senior_technician", "special_technician",
			"intermediate_worker", "junior_worker" };

	static final String[][] SKILL_VARIANTS = { { "高级工", "三级", "三级/高级工" }, { "技师", "二级", "二级/技师" },
			{ "高级技师", "一级", "一级/高级技师" }, { "特级技师" }, { "中级工", "四级", "四级/中级工" }, { "初级工", "五级", "五级/初级工" } };

	static final int[] HIGH_SKILL_WEIGHTS = { 60, 28, 11, 1 };

	static final int NATIONAL = 0, PROVINCIAL = 1, DISTRICT_TIER = 2, NO_TIER = 3;

	static final String[] TALENT_LEVEL_CODES = { "national", "provincial", "district", "none" };

	/** 国家级, 省部级, 区县级 and general people per district, in {@link District} order. */
	static final int[][] TALENT_LEVEL_COUNTS = { { 18, 120, 728 }, { 5, 48, 390 }, { 3, 30, 210 },
			{ 1, 15, 130 } };

	static final String[] QUALIFICATION_CODES = { "little_giant", "municipal_little_giant", "specialized_sme",
			"innovative_sme", "high_tech", "tech_sme" };

	static final int LITTLE_GIANT = 0, MUNICIPAL_LITTLE_GIANT = 1, SPECIALIZED = 2, INNOVATIVE = 3,
			HIGH_TECH = 4, TECH_SME = 5;

	static final String[] PLATFORM_TYPE_CODES = { "academician_workstation", "postdoc_workstation",
			"key_laboratory", "rd_institution", "incubator", "master_studio", "innovation_platform" };

	static final int ACADEMICIAN = 0, POSTDOC = 1, KEY_LAB = 2, RD = 3, INCUBATOR = 4, MASTER = 5,
			INNOVATION = 6;

	static final String[] PLATFORM_LEVEL_CODES = { "national", "municipal", "district" };

	static final int LEVEL_NATIONAL = 0, LEVEL_MUNICIPAL = 1, LEVEL_DISTRICT = 2;

	static final String[] PLATFORM_LEVEL_NAMES = { "国家级", "市级", "区级" };

	/** Values that no vocabulary knows, so their records are quarantined. */
	static final String[] UNKNOWN_CATEGORIES = { "志愿者", "退休人员", "外来务工人员" };

	static final String[] UNKNOWN_EDUCATION = { "私塾", "扫盲班" };

	/** Deliberately not in seeds: it spans 正高 and 副高. */
	static final String UNKNOWN_TITLE = "高级职称";

	static final String[] UNKNOWN_QUALIFICATIONS = { "优秀企业", "纳税大户" };

	static final String UNKNOWN_PLATFORM_LEVEL = "乡镇级";

	// ---------------------------------------------------------------------------------------------
	// How many bad records, per rule

	// a record without a name is required_missing, one without an ID number id_missing (the rule a load reports)
	static final Map<String, Integer> ROSTER_BAD = ordered(ID_CHECKSUM, 6, ID_BIRTH_DATE, 4, ID_FORMAT, 4, ID_MISSING, 2,
			REQUIRED_MISSING, 3, CATEGORY_UNKNOWN, 4, VOCABULARY_UNKNOWN, 4, DUPLICATE, 6);

	static Map<String, Integer> enterpriseBad(District d) {
		return switch (d) {
			case JIANGJIN -> ordered(USCC_CHECKSUM, 5, USCC_FORMAT, 4, DATE_INVALID, 3, VOCABULARY_UNKNOWN, 3);
			// small files: keep the bad share well under 5 %
			case XIUSHAN -> ordered(USCC_CHECKSUM, 2, USCC_FORMAT, 2, DATE_INVALID, 2, VOCABULARY_UNKNOWN, 2);
			default -> ordered(USCC_CHECKSUM, 3, USCC_FORMAT, 3, DATE_INVALID, 2, VOCABULARY_UNKNOWN, 2);
		};
	}

	static final Map<String, Integer> PLATFORM_BAD = ordered(VOCABULARY_UNKNOWN, 2, REQUIRED_MISSING, 2);

	private static Map<String, Integer> ordered(Object... pairs) {
		Map<String, Integer> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(((QuarantineRule) pairs[i]).key(), (Integer) pairs[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

	// ---------------------------------------------------------------------------------------------
	// Names

	static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤冉";

	static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉建国红梅林波斌宇浩凯鹏飞婷雪琳晨欣怡佳俊峰鑫丹萍燕勤春海云志成兵亮东新德荣龙翔宏蓉倩莉洁瑶晓小天子思雨";

	static final String TRADE_NAME_CHARS = "鑫恒瑞德华宏盛金泰隆达源丰永兴昌荣康安顺新力远通博创科精誉锦汇嘉欣凯捷宇腾峰润祥和佳辰汉晟铭弘骏伟信联卓越诚益天合众美帆";

	static final String[] INDUSTRIES = { "机械制造", "齿轮", "食品", "建材", "电子科技", "新材料", "汽车零部件", "生物科技",
			"农业开发", "茶业", "中药材", "物流", "建筑工程", "铝业", "化工", "粮油", "酒业", "摩托车配件", "智能装备", "环保科技", "模具",
			"精密铸造", "电气", "纺织", "医药", "数字科技", "软件", "新能源", "能源科技", "印务" };

	static final String[] TOPICS = { "齿轮传动", "轻合金材料", "汽车零部件", "页岩气装备", "特种玻璃", "食品加工", "智能制造", "粮油加工",
			"花椒深加工", "生态农业", "中药材", "茶叶加工", "锰资源综合利用", "新能源材料", "精密铸造", "数控机床", "电子信息", "生物医药" };

	static final String[] INCUBATOR_THEMES = { "创新创业", "青年", "电商", "科创", "大学生", "返乡", "智造", "文创" };

	static String[] places(District d) {
		return switch (d) {
			case JIANGJIN -> new String[] { "双福", "德感", "珞璜", "白沙", "几江", "支坪", "油溪", "西湖", "先锋", "杜市", "龙华", "李市",
					"慈云", "吴滩", "石门", "朱杨", "石蟆", "永兴", "塘河", "蔡家", "嘉平", "贾嗣", "中山", "广兴", "鼎山", "圣泉" };
			case QIJIANG -> new String[] { "古南", "文龙", "三江", "通惠", "桥河", "北渡", "东溪", "赶水", "打通", "石角", "篆塘", "永城",
					"郭扶", "隆盛", "扶欢", "丁山", "安稳", "横山", "新盛", "石壕", "永新", "三角", "中峰" };
			case QIANJIANG -> new String[] { "城东", "城南", "城西", "正阳", "舟白", "冯家", "濯水", "石会", "黎水", "金溪", "马喇", "阿蓬江",
					"沙坝", "鹅池", "小南海", "石家", "邻鄂", "水市", "杉岭", "太极", "白石", "黄溪", "蓬东", "水田", "白土", "五里" };
			case XIUSHAN -> new String[] { "中和", "乌杨", "平凯", "清溪场", "隘口", "溶溪", "官庄", "龙池", "石耶", "梅江", "洪安" };
		};
	}

	static String[] enterprisePrefixes(District d) {
		return switch (d) {
			case JIANGJIN -> new String[] { "重庆", "重庆市", "重庆市江津区", "重庆江津" };
			case QIJIANG -> new String[] { "重庆", "重庆市", "重庆市綦江区", "重庆綦江" };
			case QIANJIANG -> new String[] { "重庆", "重庆市", "重庆市黔江区", "重庆黔江" };
			case XIUSHAN -> new String[] { "重庆", "重庆市", "秀山县", "重庆秀山" };
		};
	}

	/** 江津 names that need RFC 4180 quoting: a quote, the delimiter and a line break inside a cell. */
	static final String[] QUOTED_NAMES = { "重庆市江津区\"鼎山\"粮油有限公司", "重庆几江食品有限公司（原几江副食品厂,2015年更名）",
			"重庆白沙港务物流有限公司\n（原白沙港口公司）" };

	// ---------------------------------------------------------------------------------------------
	// Feed layouts (headers as the pipeline files name them)

	enum RosterColumn { SERIAL, NAME, GENDER, ID_TYPE, ID, CATEGORIES, EDUCATION, TITLE, SKILL, LEVEL, EMPLOYER }

	enum EnterpriseColumn { SERIAL, USCC, NAME, QUALIFICATION, DATE, CAPITAL }

	enum PlatformColumn { SERIAL, NAME, TYPE, LEVEL, HOST, DATE }

	static String rosterFile(District d) {
		return switch (d) {
			case JIANGJIN -> "人才资源花名册.csv";
			case QIJIANG -> "roster.csv";
			case QIANJIANG -> "人才名冊.csv";
			// the platform's paged API, as downloaded: xs_rencai_page_001.json, ...
			case XIUSHAN -> "xs_rencai_page_*.json";
		};
	}

	static String enterpriseFile(District d) {
		return switch (d) {
			case JIANGJIN -> "企业资质名单.csv";
			case QIJIANG -> "enterprises.xlsx";
			case QIANJIANG -> "企業資質.csv";
			case XIUSHAN -> "xs_qiye.csv";
		};
	}

	/**
	 * The programme ledger (人才项目台账) of the district's latest delivery; null when it sends none
	 * (綦江: its programme figures then show no data). Only the latest delivery carries one.
	 */
	static String programFile(District d) {
		return switch (d) {
			case JIANGJIN -> "人才项目台账.csv";
			case QIJIANG -> null;
			case QIANJIANG -> "人才項目台賬.csv";
			case XIUSHAN -> "xs_rencai_xiangmu.csv";
		};
	}

	static String[] programHeader(District d) {
		return switch (d) {
			case JIANGJIN -> new String[] { "公民身份号码", "姓名", "项目名称", "层次类别", "学历", "认定时间", "截止时间",
					"工作单位统一社会信用代码" };
			case QIANJIANG -> new String[] { "身份證號碼", "姓名", "項目", "層次", "學歷", "認定日期", "截止日期", "單位信用代碼" };
			case XIUSHAN -> new String[] { "证件号码", "姓名", "项目名称", "卡类别", "学历", "纳入时间", "有效期至", "单位代码" };
			case QIJIANG -> new String[0];
		};
	}

	/**
	 * One batch of a programme ledger: {@code people} holders of the programme (as the district writes
	 * its name) and tier, {@code masterAndAbove} of them with a 硕士 or 博士 degree recorded, the rest
	 * with {@code otherEducation} (empty: no degree column value). Calibrated on the seed articles:
	 * 江津 “65名专家教授…担任科技副总” and “达成引进意向324人，其中硕士以上180人”, 黔江 “经渝才荟认定的新
	 * 重庆人才达4283人” and “累计聘用…127名退休高级职称和高技能人才” (银龄), 秀山 “27名专家纳入重庆英才服务卡B卡服务
	 * 范围，其中4人持有重庆英才服务卡A卡” (23 B卡 + 4 A卡).
	 */
	record ProgrammeBatch(String programme, String tier, int people, int masterAndAbove, String otherEducation) {
	}

	static List<ProgrammeBatch> programmeBatches(District d) {
		return switch (d) {
			case JIANGJIN -> List.of(new ProgrammeBatch("科技副总", "", 65, 0, ""),
					new ProgrammeBatch("引进意向", "", 324, 180, "大学本科"));
			case QIANJIANG -> List.of(new ProgrammeBatch("渝才荟认定", "", 4283, 0, ""),
					new ProgrammeBatch("银龄人才", "", 127, 0, ""));
			case XIUSHAN -> List.of(new ProgrammeBatch("重庆英才服务卡", "A卡", 4, 0, ""),
					new ProgrammeBatch("重庆英才服务卡", "B卡", 23, 0, ""));
			case QIJIANG -> List.of();
		};
	}

	/** Injected bad ledger records per district, on top of the calibrated clean ones. */
	static Map<String, Integer> programBad(District d) {
		return switch (d) {
			case JIANGJIN -> ordered(QuarantineRule.TIER_NOT_OF_PROGRAMME, 1, QuarantineRule.END_BEFORE_AWARD, 1, ID_CHECKSUM, 1);
			case QIANJIANG -> ordered(VOCABULARY_UNKNOWN, 1, DUPLICATE, 1);
			// one of 28: a second would pass the 5% reject threshold of so small a ledger
			case XIUSHAN -> ordered(VOCABULARY_UNKNOWN, 1);
			case QIJIANG -> ordered();
		};
	}

	/** Null when the district delivers no platform feed. */
	static String platformFile(District d) {
		return switch (d) {
			case JIANGJIN -> "创新平台名单.csv";
			case QIJIANG -> "platforms.xlsx";
			case QIANJIANG -> "創新平臺.csv";
			case XIUSHAN -> null;
		};
	}

	static String[] rosterHeader(District d) {
		return switch (d) {
			case JIANGJIN -> new String[] { "序号", "姓名", "性别", "公民身份号码", "人才类别", "最高学历", "专业技术职称", "职业技能等级", "人才层次",
					"工作单位统一社会信用代码" };
			// typed by hand: a full-width space inside one header and after another
			case QIJIANG -> new String[] { "序号", "姓\u3000名", "身份证号码\u3000", "人才类型", "学历", "职称", "技能等级", "人才级别" };
			case QIANJIANG -> new String[] { "姓名", "身份證號碼", "人才類別", "學歷", "職稱", "技能等級", "人才層次", "單位信用代碼" };
			// the platform's record keys; the employer is a nested object
			case XIUSHAN -> new String[] { "idType", "idNumber", "name", "talentCategories", "education", "titleLevel",
					"skillLevel", "talentLevel", "employer.creditCode" };
		};
	}

	static RosterColumn[] rosterColumns(District d) {
		return switch (d) {
			case JIANGJIN -> new RosterColumn[] { RosterColumn.SERIAL, RosterColumn.NAME, RosterColumn.GENDER,
					RosterColumn.ID, RosterColumn.CATEGORIES, RosterColumn.EDUCATION, RosterColumn.TITLE,
					RosterColumn.SKILL, RosterColumn.LEVEL, RosterColumn.EMPLOYER };
			case QIJIANG -> new RosterColumn[] { RosterColumn.SERIAL, RosterColumn.NAME, RosterColumn.ID,
					RosterColumn.CATEGORIES, RosterColumn.EDUCATION, RosterColumn.TITLE, RosterColumn.SKILL,
					RosterColumn.LEVEL };
			case QIANJIANG -> new RosterColumn[] { RosterColumn.NAME, RosterColumn.ID, RosterColumn.CATEGORIES,
					RosterColumn.EDUCATION, RosterColumn.TITLE, RosterColumn.SKILL, RosterColumn.LEVEL,
					RosterColumn.EMPLOYER };
			case XIUSHAN -> new RosterColumn[] { RosterColumn.ID_TYPE, RosterColumn.ID, RosterColumn.NAME,
					RosterColumn.CATEGORIES, RosterColumn.EDUCATION, RosterColumn.TITLE, RosterColumn.SKILL,
					RosterColumn.LEVEL, RosterColumn.EMPLOYER };
		};
	}

	static String[] enterpriseHeader(District d) {
		return switch (d) {
			case JIANGJIN -> new String[] { "序号", "统一社会信用代码", "企业名称", "资质类别", "认定年月" };
			case QIJIANG -> new String[] { "企业名称", "社会信用代码", "资质名称", "获评时间", "注册资本" };
			case QIANJIANG -> new String[] { "統一社會信用代碼", "企業名稱", "資質", "認定日期" };
			case XIUSHAN -> new String[] { "单位名称", "统一社会信用代码", "认定类型", "认定时间" };
		};
	}

	static EnterpriseColumn[] enterpriseColumns(District d) {
		return switch (d) {
			case JIANGJIN -> new EnterpriseColumn[] { EnterpriseColumn.SERIAL, EnterpriseColumn.USCC,
					EnterpriseColumn.NAME, EnterpriseColumn.QUALIFICATION, EnterpriseColumn.DATE };
			case QIANJIANG -> new EnterpriseColumn[] { EnterpriseColumn.USCC, EnterpriseColumn.NAME,
					EnterpriseColumn.QUALIFICATION, EnterpriseColumn.DATE };
			case QIJIANG -> new EnterpriseColumn[] { EnterpriseColumn.NAME, EnterpriseColumn.USCC,
					EnterpriseColumn.QUALIFICATION, EnterpriseColumn.DATE, EnterpriseColumn.CAPITAL };
			default -> new EnterpriseColumn[] { EnterpriseColumn.NAME, EnterpriseColumn.USCC,
					EnterpriseColumn.QUALIFICATION, EnterpriseColumn.DATE };
		};
	}

	static String[] platformHeader(District d) {
		return switch (d) {
			case JIANGJIN -> new String[] { "序号", "平台名称", "平台类别", "平台级别", "依托单位统一社会信用代码", "批准时间" };
			case QIJIANG -> new String[] { "名称", "类型", "级别", "依托单位信用代码", "获批时间" };
			case QIANJIANG -> new String[] { "平臺名稱", "平臺類型", "級別", "認定日期" };
			case XIUSHAN -> throw new IllegalArgumentException("秀山 has no platform feed");
		};
	}

	static PlatformColumn[] platformColumns(District d) {
		return switch (d) {
			case JIANGJIN -> new PlatformColumn[] { PlatformColumn.SERIAL, PlatformColumn.NAME, PlatformColumn.TYPE,
					PlatformColumn.LEVEL, PlatformColumn.HOST, PlatformColumn.DATE };
			case QIJIANG -> new PlatformColumn[] { PlatformColumn.NAME, PlatformColumn.TYPE, PlatformColumn.LEVEL,
					PlatformColumn.HOST, PlatformColumn.DATE };
			case QIANJIANG -> new PlatformColumn[] { PlatformColumn.NAME, PlatformColumn.TYPE, PlatformColumn.LEVEL,
					PlatformColumn.DATE };
			case XIUSHAN -> throw new IllegalArgumentException("秀山 has no platform feed");
		};
	}

	// ---------------------------------------------------------------------------------------------
	// District-specific value styles

	static String[] qualificationVariants(District d, int q) {
		return switch (d) {
			case JIANGJIN, QIANJIANG -> switch (q) {
				case LITTLE_GIANT -> new String[] { "国家级专精特新“小巨人”企业", "国家级专精特新\"小巨人\"企业" };
				case MUNICIPAL_LITTLE_GIANT -> new String[] { "重庆市“小巨人”企业" };
				case SPECIALIZED -> new String[] { "专精特新中小企业" };
				case INNOVATIVE -> new String[] { "创新型中小企业" };
				case HIGH_TECH -> new String[] { "高新技术企业" };
				default -> new String[] { "科技型企业" };
			};
			case QIJIANG -> switch (q) {
				case LITTLE_GIANT -> new String[] { "专精特新“小巨人”企业" };
				case MUNICIPAL_LITTLE_GIANT -> new String[] { "市级小巨人企业" };
				case SPECIALIZED -> new String[] { "市级专精特新企业", "专精特新企业" };
				case INNOVATIVE -> new String[] { "创新型中小企业" };
				case HIGH_TECH -> new String[] { "高新技术企业", "国家高新技术企业" };
				default -> new String[] { "科技型企业", "科技型中小企业" };
			};
			case XIUSHAN -> switch (q) {
				case LITTLE_GIANT -> new String[] { "国家级专精特新小巨人" };
				case MUNICIPAL_LITTLE_GIANT -> new String[] { "重庆市小巨人企业" };
				case SPECIALIZED -> new String[] { "专精特新企业" };
				case INNOVATIVE -> new String[] { "创新型中小企业" };
				case HIGH_TECH -> new String[] { "国家高新技术企业" };
				default -> new String[] { "科技型中小企业" };
			};
		};
	}

	static String[] talentLevelVariants(District d, int level) {
		return switch (d) {
			case JIANGJIN -> switch (level) {
				case NATIONAL -> new String[] { "国家级" };
				case PROVINCIAL -> new String[] { "市级", "省部级" };
				case DISTRICT_TIER -> new String[] { "区级", "区级高层次人才" };
				default -> new String[] { "一般" };
			};
			case QIJIANG -> switch (level) {
				case NATIONAL -> new String[] { "国家级" };
				case PROVINCIAL -> new String[] { "市级" };
				case DISTRICT_TIER -> new String[] { "区级" };
				default -> new String[] { "无" };
			};
			case QIANJIANG -> switch (level) {
				case NATIONAL -> new String[] { "国家级" };
				case PROVINCIAL -> new String[] { "市级" };
				case DISTRICT_TIER -> new String[] { "区级" };
				default -> new String[] { "一般" };
			};
			case XIUSHAN -> switch (level) {
				case NATIONAL -> new String[] { "国家级" };
				case PROVINCIAL -> new String[] { "市级" };
				case DISTRICT_TIER -> new String[] { "县级" };
				default -> new String[] { "普通" };
			};
		};
	}

	/** Percent of general people whose 人才层次 cell is filled rather than empty. */
	static int noTierFilledPercent(District d) {
		return switch (d) {
			case JIANGJIN -> 30;
			case QIJIANG -> 15;
			case QIANJIANG -> 40;
			case XIUSHAN -> 25;
		};
	}

	static String[] platformTypeVariants(District d, int type, int level) {
		return switch (type) {
			case ACADEMICIAN -> new String[] { (d == District.QIJIANG) ? "院士工作室" : "院士专家工作站" };
			case POSTDOC -> new String[] { "博士后科研工作站" };
			case KEY_LAB -> new String[] { (level == LEVEL_NATIONAL) ? "国家重点实验室" : "重点实验室" };
			case RD -> (d == District.QIJIANG) ? new String[] { "研发机构" }
					: new String[] { "企业技术中心", "企业技术中心", "企业技术中心", "工程技术研究中心", "研发中心" };
			case INCUBATOR -> new String[] { "众创空间", "众创空间", "科技企业孵化器" };
			case MASTER -> new String[] { "技能大师工作室" };
			default -> new String[] { "双创示范基地", "“双创”平台", "创新创业平台" };
		};
	}

	record PlatformCount(int type, int level, int count) {
	}

	static List<PlatformCount> platformCounts(District d) {
		return switch (d) {
			case JIANGJIN -> List.of(new PlatformCount(ACADEMICIAN, LEVEL_MUNICIPAL, 6),
					new PlatformCount(POSTDOC, LEVEL_NATIONAL, 2), new PlatformCount(POSTDOC, LEVEL_MUNICIPAL, 6),
					new PlatformCount(KEY_LAB, LEVEL_NATIONAL, 1), new PlatformCount(KEY_LAB, LEVEL_MUNICIPAL, 5),
					new PlatformCount(RD, LEVEL_NATIONAL, 3), new PlatformCount(RD, LEVEL_MUNICIPAL, 62),
					new PlatformCount(RD, LEVEL_DISTRICT, 30), new PlatformCount(INCUBATOR, LEVEL_NATIONAL, 2),
					new PlatformCount(INCUBATOR, LEVEL_MUNICIPAL, 7), new PlatformCount(INCUBATOR, LEVEL_DISTRICT, 8),
					new PlatformCount(MASTER, LEVEL_MUNICIPAL, 7), new PlatformCount(MASTER, LEVEL_DISTRICT, 9),
					new PlatformCount(INNOVATION, LEVEL_MUNICIPAL, 3),
					new PlatformCount(INNOVATION, LEVEL_DISTRICT, 3));
			// the published figures first (article 004), then district-tier ones that no indicator counts
			case QIJIANG -> List.of(new PlatformCount(RD, LEVEL_NATIONAL, 5), new PlatformCount(RD, LEVEL_MUNICIPAL, 58),
					new PlatformCount(ACADEMICIAN, LEVEL_MUNICIPAL, 2), new PlatformCount(POSTDOC, LEVEL_MUNICIPAL, 5),
					new PlatformCount(MASTER, LEVEL_MUNICIPAL, 4), new PlatformCount(RD, LEVEL_DISTRICT, 24),
					new PlatformCount(MASTER, LEVEL_DISTRICT, 8), new PlatformCount(INCUBATOR, LEVEL_DISTRICT, 5),
					new PlatformCount(INNOVATION, LEVEL_DISTRICT, 3));
			case QIANJIANG -> List.of(new PlatformCount(ACADEMICIAN, LEVEL_MUNICIPAL, 2),
					new PlatformCount(POSTDOC, LEVEL_MUNICIPAL, 2), new PlatformCount(KEY_LAB, LEVEL_MUNICIPAL, 3),
					new PlatformCount(RD, LEVEL_NATIONAL, 1), new PlatformCount(RD, LEVEL_MUNICIPAL, 28),
					new PlatformCount(RD, LEVEL_DISTRICT, 30), new PlatformCount(INCUBATOR, LEVEL_NATIONAL, 1),
					new PlatformCount(INCUBATOR, LEVEL_MUNICIPAL, 5), new PlatformCount(INCUBATOR, LEVEL_DISTRICT, 8),
					new PlatformCount(MASTER, LEVEL_MUNICIPAL, 6), new PlatformCount(MASTER, LEVEL_DISTRICT, 8),
					new PlatformCount(INNOVATION, LEVEL_NATIONAL, 1), new PlatformCount(INNOVATION, LEVEL_MUNICIPAL, 4),
					new PlatformCount(INNOVATION, LEVEL_DISTRICT, 4));
			case XIUSHAN -> List.of();
		};
	}

	/**
	 * Distinct enterprises per qualification. 江津 specialized 318 includes the 22 小巨人 (article 000);
	 * 秀山 tech_sme 227 and high_tech 8 (article 004), the 8 inside the 227.
	 */
	record EnterpriseCounts(int tech, int highTech, int highTechInTechPercent, int specialized,
			int littleGiant, int municipalLittleGiant, int innovative) {
	}

	static EnterpriseCounts enterpriseCounts(District d) {
		return switch (d) {
			case JIANGJIN -> new EnterpriseCounts(1_500, 420, 85, 318, 22, 5, 600);
			// 创新型中小企业 exist only since 2022: none in the 2021 snapshots
			case QIJIANG -> new EnterpriseCounts(420, 96, 85, 64, 3, 2, 0);
			case QIANJIANG -> new EnterpriseCounts(380, 62, 85, 46, 4, 1, 150);
			case XIUSHAN -> new EnterpriseCounts(227, 8, 100, 5, 0, 0, 0);
		};
	}

	/** MIIT's 专精特新"小巨人" batches. */
	static final LocalDate[] LITTLE_GIANT_BATCHES = { LocalDate.of(2019, 6, 25), LocalDate.of(2020, 12, 14),
			LocalDate.of(2021, 7, 19), LocalDate.of(2022, 8, 25), LocalDate.of(2023, 7, 19), LocalDate.of(2024, 8, 20),
			LocalDate.of(2025, 7, 15) };

	static String formatDate(District d, LocalDate date, SplittableRandom r) {
		int y = date.getYear();
		int m = date.getMonthValue();
		return switch (d) {
			case JIANGJIN -> y + "年" + m + "月";
			// typed as 2021.08 or 202108, or entered as a real date (an ISO date here becomes an Excel
			// date cell); the random draw is taken either way so every later value stays the same
			case QIJIANG -> {
				boolean dotted = r.nextInt(2) == 0;
				yield (date.getDayOfMonth() % 5 == 0) ? date.toString() : dotted ? y + "." + two(m) : y + two(m);
			}
			case QIANJIANG -> y + "/" + two(m) + "/" + two(date.getDayOfMonth());
			case XIUSHAN -> date.toString();
		};
	}

	static String[] invalidDates(District d) {
		return switch (d) {
			case JIANGJIN -> new String[] { "2023年13月", "2022年0月" };
			case QIJIANG -> new String[] { "2021.13", "202100" };
			case QIANJIANG -> new String[] { "2024/02/30", "2023/13/01" };
			case XIUSHAN -> new String[] { "2020-02-30", "2019-13-01" };
		};
	}

	static String two(int n) {
		return (n < 10) ? "0" + n : Integer.toString(n);
	}

	// ---------------------------------------------------------------------------------------------
	// Self-check against the seeds

	/**
	 * Every value a district is made to write must map to the intended code through the same seeds
	 * and Traditional→Simplified conversion the warehouse uses, and every bad value must map to none;
	 * otherwise the published figures would not come out, or bad records would slip through.
	 */
	static void verifyVocabulary(Script script) {
		ReferenceData reference = ReferenceData.bundled();
		for (District d : District.values()) {
			Vocabulary categories = reference.vocabulary("talent_categories")
				.with((d == District.XIUSHAN) ? XIUSHAN_CATEGORY_VALUES : Map.of());
			for (int c = 0; c < CATEGORY_CODES.length; c++) {
				for (String v : CATEGORY_VARIANTS[c]) {
					expect(categories, script.write(d, v), CATEGORY_CODES[c]);
				}
			}
			if (d == District.XIUSHAN) {
				XIUSHAN_CATEGORY_VALUES.forEach((v, code) -> expect(categories, v, code));
			}
			for (String v : UNKNOWN_CATEGORIES) {
				expect(categories, script.write(d, v), null);
			}
			Vocabulary education = reference.vocabulary("education_levels");
			for (int e = 0; e < EDUCATION_CODES.length; e++) {
				for (String v : EDUCATION_VARIANTS[e]) {
					expect(education, script.write(d, v), EDUCATION_CODES[e]);
				}
			}
			for (String v : UNKNOWN_EDUCATION) {
				expect(education, script.write(d, v), null);
			}
			Vocabulary titles = reference.vocabulary("professional_titles");
			for (String[] series : TITLE_SERIES) {
				for (int t = 0; t < series.length; t++) {
					expect(titles, script.write(d, series[t]), TITLE_CODES[t]);
				}
			}
			expect(titles, script.write(d, UNKNOWN_TITLE), null);
			Vocabulary skills = reference.vocabulary("skill_levels");
			for (int s = 0; s < SKILL_CODES.length; s++) {
				for (String v : SKILL_VARIANTS[s]) {
					expect(skills, script.write(d, v), SKILL_CODES[s]);
				}
			}
			Vocabulary levels = reference.vocabulary("talent_levels");
			for (int l = 0; l < TALENT_LEVEL_CODES.length; l++) {
				for (String v : talentLevelVariants(d, l)) {
					expect(levels, script.write(d, v), TALENT_LEVEL_CODES[l]);
				}
			}
			Vocabulary qualifications = reference.vocabulary("qualification_types");
			for (int q = 0; q < QUALIFICATION_CODES.length; q++) {
				for (String v : qualificationVariants(d, q)) {
					expect(qualifications, script.write(d, v), QUALIFICATION_CODES[q]);
				}
			}
			for (String v : UNKNOWN_QUALIFICATIONS) {
				expect(qualifications, script.write(d, v), null);
			}
			Vocabulary types = reference.vocabulary("platform_types");
			Vocabulary platformLevels = reference.vocabulary("platform_levels");
			for (int t = 0; t < PLATFORM_TYPE_CODES.length; t++) {
				for (int l = 0; l < PLATFORM_LEVEL_CODES.length; l++) {
					for (String v : platformTypeVariants(d, t, l)) {
						expect(types, script.write(d, v), PLATFORM_TYPE_CODES[t]);
					}
				}
			}
			for (int l = 0; l < PLATFORM_LEVEL_CODES.length; l++) {
				expect(platformLevels, script.write(d, PLATFORM_LEVEL_NAMES[l]), PLATFORM_LEVEL_CODES[l]);
			}
			expect(platformLevels, script.write(d, UNKNOWN_PLATFORM_LEVEL), null);
		}
	}

	private static void expect(Vocabulary vocabulary, String value, String code) {
		String actual = vocabulary.code(value);
		if ((code == null) ? actual != null : !code.equals(actual)) {
			throw new IllegalStateException("demo value '" + value + "' maps to " + actual + " in " + vocabulary.name()
					+ ", expected " + code + ": the seeds changed, update the generator");
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Helpers shared by all districts

	/** Simplified→Traditional for 黔江, through ICU like the reader's way back; cached per value. */
	static final class Script {

		private final Transliterator toTraditional = Transliterator.getInstance("Simplified-Traditional");

		private final Map<String, String> cache = new HashMap<>();

		String traditional(String simplified) {
			String t = this.cache.get(simplified);
			if (t == null) {
				t = this.toTraditional.transliterate(simplified);
				this.cache.put(simplified, t);
			}
			return t;
		}

		String write(District d, String simplified) {
			return (d.traditional() && simplified != null && !simplified.isEmpty()) ? traditional(simplified)
					: simplified;
		}

	}

	/**
	 * People as pure functions of a global index, so the same person gets the same ID number and name
	 * on every roster. An affine bijection of the index onto (birth day, sequence) pairs makes ID
	 * numbers unique by construction rather than by luck.
	 */
	static final class Identities {

		static final LocalDate FIRST_BIRTH = LocalDate.of(1955, 1, 1);

		static final int DAYS = (int) ChronoUnit.DAYS.between(FIRST_BIRTH, LocalDate.of(2003, 12, 31)) + 1;

		private static final long SPACE = DAYS * 1_000L;

		private static final String[] BIRTH_DATES = new String[DAYS];

		static {
			LocalDate day = FIRST_BIRTH;
			for (int i = 0; i < DAYS; i++) {
				BIRTH_DATES[i] = day.getYear() + two(day.getMonthValue()) + two(day.getDayOfMonth());
				day = day.plusDays(1);
			}
		}

		private final long seed;

		private final long multiplier;

		private final long offset;

		private final String[] surnamesTraditional;

		private final String[] givenTraditional;

		Identities(long seed, Script script) {
			this.seed = seed;
			SplittableRandom r = new SplittableRandom(seed);
			long m;
			do {
				m = r.nextLong(SPACE / 2, SPACE);
			}
			while (gcd(m, SPACE) != 1);
			this.multiplier = m;
			this.offset = r.nextLong(SPACE);
			this.surnamesTraditional = new String[SURNAMES.length()];
			for (int i = 0; i < SURNAMES.length(); i++) {
				this.surnamesTraditional[i] = script.traditional(String.valueOf(SURNAMES.charAt(i)));
			}
			this.givenTraditional = new String[GIVEN.length()];
			for (int i = 0; i < GIVEN.length(); i++) {
				this.givenTraditional[i] = script.traditional(String.valueOf(GIVEN.charAt(i)));
			}
		}

		private long slot(long global) {
			return Math.floorMod(this.multiplier * global + this.offset, SPACE);
		}

		private long hash(long global) {
			return mix(this.seed ^ mix(global + 0x632BE59BD9B4E019L));
		}

		private String addressCode(long global) {
			District home = District.home(global);
			String[] codes = ADDRESS_CODES.get(home);
			int[] weights = ADDRESS_WEIGHTS.get(home);
			int pick = (int) Math.floorMod(hash(global) >>> 20, 1000L);
			for (int i = 0; i < codes.length; i++) {
				pick -= weights[i];
				if (pick < 0) {
					return codes[i];
				}
			}
			return codes[0];
		}

		String id(long global) {
			long slot = slot(global);
			return build(addressCode(global), BIRTH_DATES[(int) (slot % DAYS)], (int) (slot / DAYS));
		}

		/** An ID whose check digit is right but whose birth date is not a real or past date. */
		String idWithBirthDate(long global, String yyyymmdd) {
			return build(addressCode(global), yyyymmdd, (int) (slot(global) / DAYS));
		}

		private static String build(String address, String birth, int sequence) {
			char[] c = new char[18];
			address.getChars(0, 6, c, 0);
			birth.getChars(0, 8, c, 6);
			c[14] = (char) ('0' + sequence / 100);
			c[15] = (char) ('0' + (sequence / 10) % 10);
			c[16] = (char) ('0' + sequence % 10);
			c[17] = ResidentIdNumber.checkDigit(CharBuffer.wrap(c));
			return new String(c);
		}

		String name(long global, boolean traditional) {
			long h = hash(global);
			int surname = (int) Math.floorMod(h, (long) SURNAMES.length());
			h >>>= 8;
			int first = (int) Math.floorMod(h, (long) GIVEN.length());
			h >>>= 8;
			int second = (int) Math.floorMod(h, (long) GIVEN.length());
			h >>>= 8;
			boolean twoGiven = Math.floorMod(h, 10L) < 7;
			if (traditional) {
				return this.surnamesTraditional[surname] + this.givenTraditional[first]
						+ (twoGiven ? this.givenTraditional[second] : "");
			}
			StringBuilder b = new StringBuilder(3).append(SURNAMES.charAt(surname)).append(GIVEN.charAt(first));
			if (twoGiven) {
				b.append(GIVEN.charAt(second));
			}
			return b.toString();
		}

	}

	static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private static final int[] ORGANIZATION_WEIGHTS = { 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final long BASE31_6 = 31L * 31 * 31 * 31 * 31 * 31;

	/**
	 * A valid code {@code 91 + district + organisation code + check}, unique per (district, index):
	 * the organisation code body is an affine bijection of the index, its 9th character follows
	 * GB 11714 and the 18th GB 32100.
	 */
	static String uscc(String district, long index) {
		char[] c = new char[18];
		c[0] = '9';
		c[1] = '1';
		district.getChars(0, 6, c, 2);
		long salt = Long.parseLong(district);
		if (Math.floorMod(index, 10L) < 7) {
			// registrations since 2015 carry an "MA" organisation code
			c[8] = 'M';
			c[9] = 'A';
			long v = Math.floorMod(index * 180_316_213L + salt * 7_919L, BASE31_6);
			for (int i = 15; i >= 10; i--) {
				c[i] = USCC_ALPHABET.charAt((int) (v % 31));
				v /= 31;
			}
		}
		else {
			long v = Math.floorMod(index * 73_856_093L + salt * 104_729L, 100_000_000L);
			for (int i = 15; i >= 8; i--) {
				c[i] = (char) ('0' + v % 10);
				v /= 10;
			}
		}
		int sum = 0;
		for (int i = 0; i < 8; i++) {
			char ch = c[8 + i];
			sum += ((ch <= '9') ? ch - '0' : ch - 'A' + 10) * ORGANIZATION_WEIGHTS[i];
		}
		int check = 11 - sum % 11;
		c[16] = (check == 10) ? 'X' : (check == 11) ? '0' : (char) ('0' + check);
		c[17] = SocialCreditCode.checkCharacter(CharBuffer.wrap(c));
		return new String(c);
	}

	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	static long gcd(long a, long b) {
		while (b != 0) {
			long t = a % b;
			a = b;
			b = t;
		}
		return a;
	}

	/**
	 * Selection sampling over talent tiers, for both generators: each tier's count comes out exact
	 * whatever the random draws, and the chosen people are spread over the whole roster. The tier
	 * drawn, or NO_TIER once the counts are used up.
	 */
	static int tier(int[] remaining, int peopleLeft, SplittableRandom r) {
		int u = r.nextInt(peopleLeft);
		for (int t = 0; t < remaining.length; t++) {
			if (u < remaining[t]) {
				remaining[t]--;
				return t;
			}
			u -= remaining[t];
		}
		return NO_TIER;
	}

	static int pick(SplittableRandom r, int[] weights) {
		int total = 0;
		for (int w : weights) {
			total += w;
		}
		int u = r.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			u -= weights[i];
			if (u < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	static String any(SplittableRandom r, String[] values) {
		return values[r.nextInt(values.length)];
	}

	static LocalDate between(SplittableRandom r, LocalDate from, LocalDate to) {
		if (!to.isAfter(from)) {
			return to;
		}
		return from.plusDays(r.nextLong(ChronoUnit.DAYS.between(from, to) + 1));
	}

	static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

	/** 綦江 types ID numbers and codes with a Chinese input method on: full-width digits and letters. */
	static String fullWidth(String s) {
		char[] c = s.toCharArray();
		for (int i = 0; i < c.length; i++) {
			char ch = c[i];
			if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
				c[i] = (char) (ch - 0x21 + 0xFF01);
			}
		}
		return new String(c);
	}

	// ---------------------------------------------------------------------------------------------
	// One district

	record Qualification(int enterprise, int qualification, LocalDate date) {
	}

	record Platform(String name, int type, int level, String typeText, int host, LocalDate date) {
	}

	/** A bad record to write after clean row {@code after}; {@code copyOf} ≥ 0 repeats that clean row. */
	record Injected(int after, int order, String[] cells, int copyOf) {
	}

	static final Comparator<Injected> WRITE_ORDER = Comparator.comparingInt(Injected::after)
		.thenComparingInt(Injected::order);

	/** Attributes of one roster row; reused across rows. */
	static final class Person {

		long global;

		int[] categories = new int[3];

		int categoryCount;

		int education;

		String title;

		int skill;

		int level;

		String employer;

		boolean has(int category) {
			for (int i = 0; i < this.categoryCount; i++) {
				if (this.categories[i] == category) {
					return true;
				}
			}
			return false;
		}

	}

	/** Records per page of the platform's API, as 秀山 downloaded them. */
	static final int JSON_PAGE_SIZE = 5_000;

}
