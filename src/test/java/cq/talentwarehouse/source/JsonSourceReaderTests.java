package cq.talentwarehouse.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

import static cq.talentwarehouse.source.XlsxSourceReaderTests.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloaded JSON pages: order, restart, exact numbers, clear failures. */
class JsonSourceReaderTests {

	private static final String ROSTER = """
			file: p_*.json
			format: json
			records: /data/list
			columns:
			  id_number: id
			  name: person.name
			  categories: {header: types, separator: "、"}
			""";

	@TempDir
	Path dir;

	@Test
	void readsEveryMatchingPageInNameOrderNumberingRecordsAcrossPages() throws Exception {
		// given: pages written out of order, the second with its records after the paging block
		page("p_02.json", "{\"data\":{\"page\":2,\"list\":[" + person("3", "丙") + "]}}");
		page("p_01.json", "{\"data\":{\"list\":[" + person("1", "甲") + "," + person("2", "乙") + "],\"page\":1}}");

		// when
		List<RawRecord> records = readAll(reader(ROSTER), new ExecutionContext());

		// then
		assertThat(records).extracting(RawRecord::line).containsExactly(1L, 2L, 3L);
		assertThat(records).extracting((r) -> r.values()[1]).containsExactly("甲", "乙", "丙");
		assertThat(records.get(0).values()[2]).isEqualTo("专业技术人才、科技人才");
	}

	@Test
	void resumesAfterTheRecordsAnEarlierAttemptCommittedAcrossPages() throws Exception {
		// given
		page("p_01.json", "{\"data\":{\"list\":[" + person("1", "甲") + "," + person("2", "乙") + "]}}");
		page("p_02.json", "{\"data\":{\"list\":[" + person("3", "丙") + "," + person("4", "丁") + "]}}");
		ExecutionContext context = new ExecutionContext();
		context.putLong("records.read", 3);

		// when
		List<RawRecord> rest = readAll(reader(ROSTER), context);

		// then
		assertThat(rest).extracting(RawRecord::line).containsExactly(4L);
		assertThat(context.getLong("records.read")).isEqualTo(4);
	}

	@Test
	void keepsTheDigitsOfNumbersAsWritten() throws Exception {
		// given: an ID sent as a JSON number (past a double's precision) and a float in E notation
		page("p_01.json", "{\"data\":{\"list\":[{\"id\":500116198001150002,\"person\":{\"name\":1.5E3},\"types\":[true]}]}}");

		// when
		List<RawRecord> records = readAll(reader(ROSTER), new ExecutionContext());

		// then
		assertThat(records.get(0).values()).startsWith("500116198001150002", "1500", "true");
	}

	@Test
	void failsNamingThePageAndLineOfBrokenJsonOrOfTheWrongEncoding() throws Exception {
		// given: a page cut off mid-record
		page("p_01.json", "{\"data\":{\"list\":[\n" + person("1", "甲") + ",\n{\"id\":\"2\",\"types\":[");

		// when / then
		assertThatThrownBy(() -> readAll(reader(ROSTER), new ExecutionContext())).isInstanceOf(SourceException.class)
			.hasMessageStartingWith(this.dir.resolve("p_01.json") + ": line 3 is not valid JSON");

		// given: a page in GB18030 where the pipeline says nothing (UTF-8)
		Files.write(this.dir.resolve("p_01.json"), ("{\"data\":{\"list\":[" + person("1", "黄小明") + "]}}")
			.getBytes(Charset.forName("GB18030")));

		// when / then
		assertThatThrownBy(() -> readAll(reader(ROSTER), new ExecutionContext()))
			.hasMessage(this.dir.resolve("p_01.json") + ": line 1 is not valid UTF-8; the file is in another encoding —"
					+ " set 'encoding' in the pipeline (UTF-8, GB18030, GBK)");
		assertThat(readAll(reader(ROSTER + "encoding: GB18030\n"), new ExecutionContext()).get(0).values()[1])
			.isEqualTo("黄小明");
	}

	@Test
	void failsWhenNoFileMatchesOrTheRecordsAreNotWhereThePipelineSays() throws Exception {
		// when / then
		assertThatThrownBy(() -> readAll(reader(ROSTER), new ExecutionContext()))
			.hasMessage(this.dir.resolve("p_*.json") + ": no file in the snapshot folder matches");

		// given
		page("p_01.json", "{\"data\":{\"records\":[" + person("1", "甲") + "]}}");

		// when / then
		assertThatThrownBy(() -> readAll(reader(ROSTER), new ExecutionContext()))
			.hasMessage(this.dir.resolve("p_01.json") + ": no array of records at '/data/list'; check 'records' in the pipeline");
	}

	private static String person(String id, String name) {
		return "{\"id\":\"" + id + "\",\"person\":{\"name\":\"" + name + "\"},\"types\":[\"专业技术人才\",\"科技人才\"]}";
	}

	private void page(String name, String json) throws Exception {
		Files.writeString(this.dir.resolve(name), json, StandardCharsets.UTF_8);
	}

	private JsonSourceReader reader(String yaml) throws Exception {
		SourceDefinition source = new ObjectMapper(new YAMLFactory()).readValue(yaml, SourceDefinition.class);
		return JsonSourceReader.files(this.dir, SourceKind.ROSTER, source);
	}

}
