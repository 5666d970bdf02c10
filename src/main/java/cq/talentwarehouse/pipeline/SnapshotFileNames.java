package cq.talentwarehouse.pipeline;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names that carry their snapshot's date, for districts that deliver files side by side
 * ({@code 花名册_20231231.csv}) rather than one folder per snapshot. A source's {@code file} marks
 * the date with {@code {yyyyMMdd}}, {@code {yyyy-MM-dd}} or {@code {yyyyMM}} (a month is its last day).
 */
public final class SnapshotFileNames {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(yyyyMMdd|yyyy-MM-dd|yyyyMM)\\}");

	private SnapshotFileNames() {
	}

	public static boolean hasPlaceholder(String file) {
		return file != null && PLACEHOLDER.matcher(file).find();
	}

	/** The file name for one snapshot date. */
	public static String resolve(String file, LocalDate date) {
		Matcher m = PLACEHOLDER.matcher(file);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(DateTimeFormatter.ofPattern(m.group(1)).format(date)));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** The snapshot date a file name carries for this pattern, or null when it does not match. */
	public static LocalDate dateOf(String file, String fileName) {
		Matcher placeholder = PLACEHOLDER.matcher(file);
		if (!placeholder.find()) {
			return null;
		}
		String format = placeholder.group(1);
		String before = file.substring(0, placeholder.start());
		String after = file.substring(placeholder.end());
		String digits = switch (format) {
			case "yyyyMMdd" -> "(\\d{8})";
			case "yyyy-MM-dd" -> "(\\d{4}-\\d{2}-\\d{2})";
			default -> "(\\d{6})";
		};
		Matcher name = Pattern.compile(globToRegex(before) + digits + globToRegex(after)).matcher(fileName);
		if (!name.matches()) {
			return null;
		}
		try {
			if (format.equals("yyyyMM")) {
				LocalDate first = LocalDate.parse(name.group(1) + "01", DateTimeFormatter.ofPattern("yyyyMMdd"));
				return first.withDayOfMonth(first.lengthOfMonth());
			}
			return LocalDate.parse(name.group(1), DateTimeFormatter.ofPattern(format));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	// JSON page sources may name their files with a glob (xs_{yyyyMMdd}_page_*.json)
	private static String globToRegex(String text) {
		StringBuilder b = new StringBuilder();
		for (String part : text.split("((?<=[*?])|(?=[*?]))")) {
			switch (part) {
				case "*" -> b.append("[^/]*");
				case "?" -> b.append("[^/]");
				default -> b.append(Pattern.quote(part));
			}
		}
		return b.toString();
	}

}
