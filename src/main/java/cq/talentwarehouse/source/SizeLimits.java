package cq.talentwarehouse.source;

import cq.talentwarehouse.TalentProperties;

/**
 * How large one cell may be, so that one bad file stays inside its district: a value longer than
 * {@code maxValueChars} quarantines its record ({@code value_too_long}); a field longer than
 * {@code maxFieldChars} (a damaged file, one 200 MB line) fails its source with file and line
 * before the parser holds more of it.
 *
 * @param maxValueChars longest value a record may carry (default 4,000 characters)
 * @param maxFieldChars longest field the parser reads before it gives up on the file (default 1 Mi)
 */
public record SizeLimits(int maxValueChars, int maxFieldChars) {

	public static final SizeLimits DEFAULT = new SizeLimits(TalentProperties.DEFAULT_MAX_VALUE_CHARS,
			TalentProperties.DEFAULT_MAX_FIELD_CHARS);

	public SizeLimits {
		if (maxValueChars < 1 || maxFieldChars < maxValueChars) {
			throw new IllegalArgumentException("talent.max-value-chars must be at least 1 and at most talent.max-field-chars,"
					+ " not " + maxValueChars + " and " + maxFieldChars);
		}
	}

	/** The limits of the configuration (TALENT_MAXVALUECHARS, TALENT_MAXFIELDCHARS), checked against each other. */
	public static SizeLimits of(TalentProperties properties) {
		return new SizeLimits(properties.getMaxValueChars(), properties.getMaxFieldChars());
	}

}
