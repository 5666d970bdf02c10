package cq.talentwarehouse.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A roster as the talent platform's paged API returns it, one file per page as the district
 * downloaded them ({@code xs_rencai_page_001.json}, ...):
 * {@code {"code":0,"msg":"操作成功","data":{"records":[...],"total":T,"size":S,"page":p,"pages":P}}}.
 * Each record is an object keyed by the header; a dotted key is a nested object, a multi-valued
 * cell an array, an empty cell null.
 */
final class JsonPagesSink implements RowSink {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private final Path folder;

	private final String prefix;

	private final String suffix;

	private final int size;

	private final long total;

	private final int pages;

	private final Map<String, String> arrays;

	private String[] keys;

	private JsonGenerator page;

	private int pageNumber;

	private int inPage;

	private long rows;

	JsonPagesSink(Path folder, String pattern, int size, long total, Map<String, String> arrays) {
		this.folder = folder;
		this.prefix = pattern.substring(0, pattern.indexOf('*'));
		this.suffix = pattern.substring(pattern.indexOf('*') + 1);
		this.size = size;
		this.total = total;
		this.pages = (int) Math.max(1, (total + size - 1) / size);
		this.arrays = arrays;
	}

	@Override
	public void header(String[] cells) {
		this.keys = cells.clone();
	}

	@Override
	public void row(String[] cells) throws IOException {
		if (this.page == null) {
			openPage();
		}
		JsonGenerator g = this.page;
		g.writeStartObject();
		String group = null;
		for (int i = 0; i < this.keys.length; i++) {
			String key = this.keys[i];
			int dot = key.indexOf('.');
			String owner = (dot < 0) ? null : key.substring(0, dot);
			if (group != null && !group.equals(owner)) {
				g.writeEndObject();
				group = null;
			}
			if (owner != null && group == null) {
				g.writeObjectFieldStart(owner);
				group = owner;
			}
			String name = (dot < 0) ? key : key.substring(dot + 1);
			String value = cells[i];
			String separator = this.arrays.get(key);
			if (separator != null) {
				g.writeArrayFieldStart(name);
				if (value != null && !value.isEmpty()) {
					for (String part : value.split(Pattern.quote(separator), -1)) {
						g.writeString(part);
					}
				}
				g.writeEndArray();
			}
			else if (value == null || value.isEmpty()) {
				g.writeNullField(name);
			}
			else {
				g.writeStringField(name, value);
			}
		}
		if (group != null) {
			g.writeEndObject();
		}
		g.writeEndObject();
		this.rows++;
		if (++this.inPage == this.size) {
			closePage();
		}
	}

	private void openPage() throws IOException {
		this.pageNumber++;
		Path file = this.folder.resolve(this.prefix + String.format(java.util.Locale.ROOT, "%03d", this.pageNumber)
				+ this.suffix);
		this.page = JSON.createGenerator(Files.newOutputStream(file), com.fasterxml.jackson.core.JsonEncoding.UTF8);
		this.page.writeStartObject();
		this.page.writeNumberField("code", 0);
		this.page.writeStringField("msg", "操作成功");
		this.page.writeObjectFieldStart("data");
		this.page.writeArrayFieldStart("records");
		this.inPage = 0;
	}

	private void closePage() throws IOException {
		this.page.writeEndArray();
		this.page.writeNumberField("total", this.total);
		this.page.writeNumberField("size", this.size);
		this.page.writeNumberField("page", this.pageNumber);
		this.page.writeNumberField("pages", this.pages);
		this.page.writeEndObject();
		this.page.writeEndObject();
		this.page.writeRaw('\n');
		this.page.close();
		this.page = null;
	}

	@Override
	public long rows() {
		return this.rows;
	}

	@Override
	public int files() {
		return this.pageNumber;
	}

	@Override
	public void close() throws IOException {
		if (this.page == null && this.pageNumber == 0) {
			openPage();
		}
		if (this.page != null) {
			closePage();
		}
		if (this.pageNumber != this.pages) {
			throw new IllegalStateException("wrote " + this.pageNumber + " pages but announced " + this.pages);
		}
	}

}
