package cq.talentwarehouse.source;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

import static cq.talentwarehouse.source.XlsxSourceReaderTests.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The paged HTTP source against a server of the test's own on 127.0.0.1: retries, timeouts, refused
 * tokens, and the rule that a snapshot is all its pages.
 */
class HttpPagedJsonReaderTests {

	private static final String TOKEN = "test-token-0123";

	@TempDir
	Path spool;

	private HttpServer server;

	private ExecutorService threads;

	/** Every request's path and query, in order. */
	private final List<String> requests = new CopyOnWriteArrayList<>();

	/** What the server does with the n-th request (0-based); the default answers the asked page. */
	private volatile Answer answer = (n, exchange) -> page(exchange, 3);

	interface Answer {

		void handle(int n, HttpExchange exchange) throws Exception;

	}

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.threads = Executors.newCachedThreadPool();
		this.server.setExecutor(this.threads);
		AtomicInteger count = new AtomicInteger();
		this.server.createContext("/api/talents", (exchange) -> {
			int n = count.getAndIncrement();
			this.requests.add(exchange.getRequestURI().toString());
			try {
				if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
					send(exchange, 401, "{\"code\":401,\"msg\":\"token无效\"}");
					return;
				}
				this.answer.handle(n, exchange);
			}
			catch (Exception ex) {
				// a client that gave up on a slow answer closes the connection under it
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	@Test
	void retriesServerErrorsThenSucceeds() throws Exception {
		// given: the first request meets a 500, the rest are answered
		this.answer = (n, exchange) -> {
			if (n == 0) {
				send(exchange, 500, "{\"code\":500,\"msg\":\"系统繁忙\"}");
			}
			else {
				page(exchange, 3);
			}
		};

		// when
		List<RawRecord> records = readAll(reader(""), new ExecutionContext());

		// then: page 1 asked twice, then pages 2 and 3; every record, numbered across pages
		assertThat(this.requests).containsExactly("/api/talents?page=1&size=2", "/api/talents?page=1&size=2",
				"/api/talents?page=2&size=2", "/api/talents?page=3&size=2");
		assertThat(records).extracting(RawRecord::line).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(records).extracting((r) -> r.values()[1]).containsExactly("人1", "人2", "人3", "人4", "人5");
	}

	@Test
	void retriesTimeoutsThenFailsNamingTheUrlAndTheTimeout() {
		// given: a server slower than the read timeout
		this.answer = (n, exchange) -> {
			Thread.sleep(1_500);
			page(exchange, 1);
		};

		// when / then
		assertThatThrownBy(() -> readAll(reader("read_timeout_seconds: 0.3\nretries: 1\n"), new ExecutionContext()))
			.isInstanceOf(SourceException.class)
			.hasMessage("GET " + url() + "?page=1&size=2 failed 2 time(s), the last timed out after 0.3 s;"
					+ " nothing of this snapshot is loaded");
		assertThat(this.requests).hasSize(2);
	}

	@Test
	void failsAtOnceWithoutRetryingWhenTheTokenIsRefused() {
		// given: the environment holds a stale token
		Map<String, String> environment = Map.of("XS_API_TOKEN", "expired");

		// when / then
		assertThatThrownBy(() -> readAll(reader("", environment), new ExecutionContext()))
			.isInstanceOf(SourceException.class)
			.hasMessage("GET " + url() + "?page=1&size=2 answered HTTP 401 ({\"code\":401,\"msg\":\"token无效\"}): the token"
					+ " in XS_API_TOKEN was refused — renew it; nothing of this snapshot is loaded");
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void failsAtOnceOnAnUnknownEndpointAndBeforeAskingWhenTheTokenVariableIsUnset() {
		// given
		this.answer = (n, exchange) -> send(exchange, 404, "");

		// when / then
		assertThatThrownBy(() -> readAll(reader(""), new ExecutionContext()))
			.hasMessageContaining("answered HTTP 404: no such endpoint — check 'url' in the pipeline");
		assertThat(this.requests).hasSize(1);
		assertThatThrownBy(() -> readAll(reader("", Map.of()), new ExecutionContext()))
			.hasMessage(url() + ": environment variable XS_API_TOKEN (the pipeline's 'token_env') is not set;"
					+ " set it to the API token for the load");
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void loadsNothingOfTheSnapshotWhenAPageFailsMidway() {
		// given: page 2 of 3 keeps failing
		this.answer = (n, exchange) -> {
			if (exchange.getRequestURI().getQuery().startsWith("page=2")) {
				send(exchange, 503, "");
			}
			else {
				page(exchange, 3);
			}
		};
		HttpPagedJsonReader reader = reader("retries: 2\n");
		ExecutionContext context = new ExecutionContext();

		// when / then: the step fails opening the source, before a single record is read
		assertThatThrownBy(() -> reader.open(context)).isInstanceOf(SourceException.class)
			.hasMessage("GET " + url() + "?page=2&size=2 failed 3 time(s), the last HTTP 503;"
					+ " nothing of this snapshot is loaded");
		assertThat(reader.recordsRead()).isZero();
		assertThat(this.spool.resolve(HttpPagedJsonReader.COMPLETE)).doesNotExist();
		assertThat(this.requests).containsExactly("/api/talents?page=1&size=2", "/api/talents?page=2&size=2",
				"/api/talents?page=2&size=2", "/api/talents?page=2&size=2");
	}

	@Test
	void followsCursorsAndNextPageUrlsToTheLastPage() throws Exception {
		// given: the first page names a cursor, the second the URL of the third, the third nothing
		this.answer = (n, exchange) -> {
			String query = exchange.getRequestURI().getQuery();
			if (query.equals("size=2")) {
				send(exchange, 200, records(1, 2, "\"next\":\"c2\""));
			}
			else if (query.equals("size=2&cursor=c2")) {
				send(exchange, 200, records(3, 4, "\"next\":\"/api/talents?after=4\""));
			}
			else {
				send(exchange, 200, records(5, 5, "\"next\":null"));
			}
		};

		// when
		List<RawRecord> records = readAll(reader("pagination: {type: cursor, size: 2, next: data.next}\n"),
				new ExecutionContext());

		// then
		assertThat(this.requests).containsExactly("/api/talents?size=2", "/api/talents?size=2&cursor=c2",
				"/api/talents?after=4");
		assertThat(records).hasSize(5);
	}

	@Test
	void restartReadsTheSpooledPagesWithoutAskingTheApiAgain() throws Exception {
		// given: a first attempt fetched every page and committed two records
		ExecutionContext context = new ExecutionContext();
		HttpPagedJsonReader first = reader("");
		first.open(context);
		first.read();
		first.read();
		first.update(context);
		first.close();

		// when
		List<RawRecord> rest = readAll(reader(""), context);

		// then
		assertThat(rest).extracting(RawRecord::line).containsExactly(3L, 4L, 5L);
		assertThat(this.requests).hasSize(3);
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/talents";
	}

	private HttpPagedJsonReader reader(String extra) {
		return reader(extra, Map.of("XS_API_TOKEN", TOKEN));
	}

	private HttpPagedJsonReader reader(String extra, Map<String, String> environment) {
		String yaml = """
				format: json
				url: %s
				token_env: XS_API_TOKEN
				records: data.records
				retry_backoff_seconds: 0.05
				columns:
				  id_number: idNumber
				  name: name
				  categories: {header: talentCategories, separator: "/"}
				""".formatted(url()) + (extra.contains("pagination") ? "" : "pagination: {size: 2, total_pages: data.pages}\n")
				+ extra;
		try {
			SourceDefinition source = new ObjectMapper(new YAMLFactory()).readValue(yaml, SourceDefinition.class);
			return new HttpPagedJsonReader(this.spool, SourceKind.ROSTER, source, environment::get);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Numbered page answered from the request's page parameter: 5 records, 2 a page. */
	private static void page(HttpExchange exchange, int pages) throws IOException {
		URI uri = exchange.getRequestURI();
		int page = Integer.parseInt(uri.getQuery().replaceAll(".*page=(\\d+).*", "$1"));
		int from = (page - 1) * 2 + 1;
		send(exchange, 200, records(from, Math.min(from + 1, 5), "\"page\":" + page + ",\"pages\":" + pages));
	}

	private static String records(int from, int to, String paging) {
		StringBuilder b = new StringBuilder("{\"code\":0,\"data\":{\"records\":[");
		for (int i = from; i <= to; i++) {
			b.append((i > from) ? "," : "")
				.append("{\"idNumber\":\"")
				.append(QuirkWorkbooks.id("5002411990010100" + i))
				.append("\",\"name\":\"人")
				.append(i)
				.append("\",\"talentCategories\":[\"专业技术人才\"]}");
		}
		return b.append("],").append(paging).append("}}").toString();
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
