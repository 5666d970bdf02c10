package cq.talentwarehouse.source;

/**
 * One record of a district file before normalization.
 *
 * @param line the physical line the record starts on (the header is line 1)
 * @param values cell text per canonical field, in {@code SourceKind.fields()} order; null where the
 * pipeline maps no column
 */
public record RawRecord(long line, String[] values) {
}
