package cq.talentwarehouse.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.pipeline.ColumnSpec;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/**
 * Streams the records of a JSON snapshot — one file, or every page a district downloaded from its
 * platform ({@code xs_rencai_page_*.json}, read in name order), or pages an {@link HttpPagedJsonReader}
 * fetched — record by record with Jackson's streaming parser, so neither a page nor the snapshot is
 * held in memory.
 *
 * <p>A record is an object; the pipeline's {@code columns} name its keys with the header rules of
 * every source (synonyms, first match wins, spacing, width and script do not matter), nested keys as
 * dotted paths ({@code employer.creditCode}). An array of values becomes one multi-valued cell joined
 * by the column's first separator. Numbers keep the digits they were written with. A key present in
 * none of the first {@value #KEY_SAMPLE} records fails the source like a missing column, naming the
 * keys found; platforms that leave out null keys are fine as long as some early record has it.
 *
 * <p>{@link RawRecord#line()} is the record's ordinal within the snapshot, 1-based and counted across
 * pages. The count read is saved so a restarted step resumes after the last committed record.
 */
public class JsonSourceReader implements ItemStreamReader<RawRecord> {

	/** How many leading records tell which keys a snapshot's records carry. */
	static final int KEY_SAMPLE = 1000;

	private final Supplier<List<JsonPages.Page>> pageLister;

	private final String where;

	private final boolean checkTotalPages;

	private final SourceKind kind;

	private final SourceDefinition definition;

	private final List<String> recordsPath;

	private List<JsonPages.Page> pages;

	private int pageIndex;

	private JsonParser parser;

	private String[] keyByField;

	private String[] joinByField;

	private long recordsRead;

	JsonSourceReader(Supplier<List<JsonPages.Page>> pageLister, String where, boolean checkTotalPages, SourceKind kind,
			SourceDefinition definition) {
		this.pageLister = pageLister;
		this.where = where;
		this.checkTotalPages = checkTotalPages;
		this.kind = kind;
		this.definition = definition;
		this.recordsPath = JsonPath.parse(definition.records());
	}

	/**
	 * The pages of a snapshot folder: the file its {@code file} names, or every file its glob matches,
	 * in name order.
	 */
	public static JsonSourceReader files(Path snapshotFolder, SourceKind kind, SourceDefinition definition) {
		String pattern = definition.file();
		return new JsonSourceReader(() -> JsonPages.list(snapshotFolder, pattern), snapshotFolder.resolve(pattern).toString(),
				true, kind, definition);
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.pages = this.pageLister.get();
		if (this.checkTotalPages && this.definition.paginationOrNone().totalPages() != null) {
			checkTotalPages();
		}
		List<String> keys = sampleKeys();
		int[] columns = HeaderMatcher.columns(keys, this.kind, this.definition, this.where, "the records have keys");
		List<SourceKind.Field> fields = this.kind.fields();
		Map<String, ColumnSpec> mapping = (this.definition.columns() == null) ? Map.of() : this.definition.columns();
		this.keyByField = new String[columns.length];
		this.joinByField = new String[columns.length];
		for (int f = 0; f < columns.length; f++) {
			this.keyByField[f] = (columns[f] >= 0) ? keys.get(columns[f]) : null;
			ColumnSpec spec = mapping.get(fields.get(f).name());
			this.joinByField[f] = (spec != null && spec.multiValued()) ? spec.separators().substring(0, 1) : "、";
		}
		this.pageIndex = -1;
		long resumeAfter = context.getLong(DelimitedSourceReader.READ_COUNT, 0L);
		while (this.recordsRead < resumeAfter && read() != null) {
			// skip what an earlier attempt already committed
		}
	}

	// A snapshot is all its pages: a download that stopped early must not load as a smaller district
	private void checkTotalPages() {
		List<String> totalPath = JsonPath.parse(this.definition.paginationOrNone().totalPages());
		JsonPages.Page first = this.pages.get(0);
		String total;
		JsonParser p = null;
		try {
			p = JsonPages.open(first, this.definition);
			total = JsonPath.scan(p, this.recordsPath, List.of(totalPath)).value(totalPath);
		}
		catch (IOException ex) {
			throw JsonPages.failure(first, p, ex, this.definition);
		}
		finally {
			JsonPages.close(p);
		}
		int expected;
		try {
			expected = Integer.parseInt(String.valueOf(total).strip());
		}
		catch (NumberFormatException ex) {
			throw new SourceException(first.name() + ": no page count at '" + this.definition.paginationOrNone().totalPages()
					+ "' (found " + total + ")");
		}
		if (expected != this.pages.size()) {
			throw new SourceException(this.where + ": " + this.pages.size() + " page file(s) found but the pages say "
					+ expected + "; a snapshot is loaded only whole — download the missing pages");
		}
	}

	private List<String> sampleKeys() {
		Set<String> keys = new LinkedHashSet<>();
		int sampled = 0;
		for (int i = 0; i < this.pages.size() && sampled < KEY_SAMPLE; i++) {
			JsonPages.Page page = this.pages.get(i);
			JsonParser p = null;
			try {
				p = JsonPages.open(page, this.definition);
				seek(p, page);
				JsonToken token;
				while (sampled < KEY_SAMPLE && (token = p.nextToken()) != JsonToken.END_ARRAY) {
					requireObject(token, page, sampled + 1);
					Map<String, Object> record = new LinkedHashMap<>();
					JsonRecords.flatten(p, "", record);
					keys.addAll(record.keySet());
					sampled++;
				}
			}
			catch (IOException ex) {
				throw JsonPages.failure(page, p, ex, this.definition);
			}
			finally {
				JsonPages.close(p);
			}
		}
		if (sampled == 0) {
			throw new SourceException(this.where + ": the snapshot has no records");
		}
		// "employer": null in every sampled record still says where employer.creditCode would be
		Set<String> present = new java.util.HashSet<>();
		for (String key : keys) {
			present.add(HeaderMatcher.headerKey(key));
		}
		Map<String, ColumnSpec> mapping = (this.definition.columns() == null) ? Map.of() : this.definition.columns();
		List<String> nested = new ArrayList<>();
		for (ColumnSpec spec : mapping.values()) {
			for (String candidate : spec.headers()) {
				for (int dot = candidate.indexOf('.'); dot > 0; dot = candidate.indexOf('.', dot + 1)) {
					if (!keys.contains(candidate) && present.contains(HeaderMatcher.headerKey(candidate.substring(0, dot)))) {
						nested.add(candidate);
						break;
					}
				}
			}
		}
		List<String> all = new ArrayList<>(keys);
		all.addAll(nested);
		return all;
	}

	@Override
	public RawRecord read() {
		while (true) {
			if (this.parser == null) {
				if (this.pageIndex + 1 >= this.pages.size()) {
					return null;
				}
				this.pageIndex++;
				JsonPages.Page page = this.pages.get(this.pageIndex);
				try {
					this.parser = JsonPages.open(page, this.definition);
					seek(this.parser, page);
				}
				catch (IOException ex) {
					SourceException failure = JsonPages.failure(page, this.parser, ex, this.definition);
					closeParser();
					throw failure;
				}
			}
			JsonPages.Page page = this.pages.get(this.pageIndex);
			Map<String, Object> record;
			try {
				JsonToken token = this.parser.nextToken();
				if (token == JsonToken.END_ARRAY) {
					closeParser();
					continue;
				}
				requireObject(token, page, this.recordsRead + 1);
				record = new HashMap<>();
				JsonRecords.flatten(this.parser, "", record);
			}
			catch (IOException ex) {
				throw JsonPages.failure(page, this.parser, ex, this.definition);
			}
			String[] values = new String[this.keyByField.length];
			for (int f = 0; f < values.length; f++) {
				if (this.keyByField[f] != null) {
					values[f] = JsonRecords.cell(record.get(this.keyByField[f]), this.joinByField[f]);
				}
			}
			this.recordsRead++;
			return new RawRecord(this.recordsRead, values);
		}
	}

	private void requireObject(JsonToken token, JsonPages.Page page, long ordinal) {
		if (token != JsonToken.START_OBJECT) {
			throw new SourceException(page.name() + ": record " + ordinal + " of the snapshot is not an object (found "
					+ token + ") at '" + describeRecordsPath() + "'");
		}
	}

	private void seek(JsonParser p, JsonPages.Page page) throws IOException {
		if (!JsonPath.seekArray(p, this.recordsPath)) {
			throw new SourceException(page.name() + ": no array of records at '" + describeRecordsPath()
					+ "'; check 'records' in the pipeline");
		}
	}

	private String describeRecordsPath() {
		return (this.definition.records() == null) ? "the top level" : this.definition.records();
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(DelimitedSourceReader.READ_COUNT, this.recordsRead);
	}

	@Override
	public void close() {
		closeParser();
	}

	private void closeParser() {
		JsonPages.close(this.parser);
		this.parser = null;
	}

	public long recordsRead() {
		return this.recordsRead;
	}

}
