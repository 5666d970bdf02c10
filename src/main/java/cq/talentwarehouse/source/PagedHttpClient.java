package cq.talentwarehouse.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceDefinition.Pagination;

/**
 * Fetches every page of one snapshot from a platform's paged JSON API into a folder, page by page,
 * before anything is read: numbered pages ({@code page}/{@code size} parameters, until the page count
 * the API reports or a short page) or cursor pages (until no next cursor or next-page URL).
 *
 * <p>Server errors (5xx, 429, 408), timeouts and broken connections are retried with exponential
 * backoff; a refused token, a forbidden or unknown endpoint (401, 403, 404) and other client errors
 * fail at once, since asking again cannot change the answer. Any page that cannot be had fails the
 * whole snapshot: one sentence naming the URL and what went wrong.
 */
final class PagedHttpClient {

	/** A guard against an API whose paging never ends. */
	static final int MAX_PAGES = 100_000;

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private final SourceDefinition definition;

	private final Function<String, String> environment;

	private final HttpClient client;

	private final Pagination pagination;

	private final List<String> recordsPath;

	private final List<String> nextPath;

	private final List<String> totalPath;

	PagedHttpClient(SourceDefinition definition, Function<String, String> environment) {
		this.definition = definition;
		this.environment = environment;
		this.pagination = definition.paginationOrNone();
		this.recordsPath = JsonPath.parse(definition.records());
		this.nextPath = JsonPath.parse(this.pagination.next());
		this.totalPath = JsonPath.parse(this.pagination.totalPages());
		this.client = HttpClient.newBuilder()
			.connectTimeout(definition.connectTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	/**
	 * Writes pages {@code page_00001.json}, {@code page_00002.json}, ... into the folder.
	 * @return the page files in order
	 * @throws SourceException when any page cannot be had
	 */
	List<Path> fetchAll(Path folder) {
		String token = token();
		List<Path> pages = new ArrayList<>();
		String type = this.pagination.typeOrDefault();
		int pageNumber = this.pagination.firstPageOrDefault();
		URI uri = firstUri(type, pageNumber);
		Integer totalPages = null;
		while (uri != null) {
			if (pages.size() >= MAX_PAGES) {
				throw new SourceException(this.definition.url() + ": more than " + MAX_PAGES
						+ " pages; the API's paging does not end — check 'pagination' in the pipeline");
			}
			byte[] body = get(uri, token);
			Path page = folder.resolve(String.format(Locale.ROOT, "page_%05d.json", pages.size() + 1));
			try {
				Files.write(page, body);
			}
			catch (IOException ex) {
				throw new SourceException(page + ": cannot spool the page of " + uri + " (" + ex.getMessage() + ")", ex);
			}
			pages.add(page);
			JsonPath.Scan scan = scan(uri, body);
			URI current = uri;
			uri = null;
			if (type.equals("page")) {
				if (!this.totalPath.isEmpty()) {
					totalPages = (totalPages != null) ? totalPages : totalPages(current, scan);
					if (pageNumber < this.pagination.firstPageOrDefault() + totalPages - 1) {
						uri = pageUri(++pageNumber);
					}
				}
				else if (scan.records() >= this.pagination.sizeOrDefault()) {
					uri = pageUri(++pageNumber);
				}
			}
			else if (type.equals("cursor")) {
				uri = nextUri(current, scan.value(this.nextPath));
			}
		}
		return pages;
	}

	private String token() {
		String name = this.definition.tokenEnv();
		if (name == null) {
			return null;
		}
		String token = this.environment.apply(name);
		if (token == null || token.isBlank()) {
			throw new SourceException(this.definition.url() + ": environment variable " + name
					+ " (the pipeline's 'token_env') is not set; set it to the API token for the load");
		}
		return token.strip();
	}

	private URI firstUri(String type, int pageNumber) {
		return switch (type) {
			case "page" -> pageUri(pageNumber);
			case "cursor" -> withParameters(this.definition.url(), this.pagination.sizeParamOrDefault(),
					Integer.toString(this.pagination.sizeOrDefault()));
			default -> URI.create(this.definition.url());
		};
	}

	private URI pageUri(int pageNumber) {
		return withParameters(this.definition.url(), this.pagination.pageParamOrDefault(), Integer.toString(pageNumber),
				this.pagination.sizeParamOrDefault(), Integer.toString(this.pagination.sizeOrDefault()));
	}

	private URI nextUri(URI current, String next) {
		if (next == null || next.isBlank()) {
			return null;
		}
		URI uri;
		if (next.startsWith("http://") || next.startsWith("https://") || next.startsWith("/")) {
			uri = current.resolve(next);
		}
		else {
			uri = withParameters(this.definition.url(), this.pagination.sizeParamOrDefault(),
					Integer.toString(this.pagination.sizeOrDefault()), this.pagination.cursorParamOrDefault(), next);
		}
		if (uri.equals(current)) {
			throw new SourceException(current + ": the next page is this page again; the API's cursor does not advance");
		}
		return uri;
	}

	private static URI withParameters(String url, String... pairs) {
		StringBuilder b = new StringBuilder(url);
		char glue = (url.indexOf('?') >= 0) ? '&' : '?';
		for (int i = 0; i < pairs.length; i += 2) {
			b.append(glue)
				.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
			glue = '&';
		}
		return URI.create(b.toString());
	}

	private int totalPages(URI uri, JsonPath.Scan scan) {
		String total = scan.value(this.totalPath);
		try {
			return Integer.parseInt(String.valueOf(total).strip());
		}
		catch (NumberFormatException ex) {
			throw new SourceException("GET " + uri + ": no page count at '" + this.pagination.totalPages() + "' (found "
					+ total + "); check 'pagination.total_pages' in the pipeline");
		}
	}

	// the whole page is parsed once here, so a truncated or mislabelled page fails the snapshot
	// before a single record of it is loaded
	private JsonPath.Scan scan(URI uri, byte[] body) {
		List<List<String>> wanted = List.of(this.nextPath, this.totalPath);
		Charset charset = Charset.forName(this.definition.encodingOrDefault());
		JsonPath.Scan scan;
		try (JsonParser parser = JSON.createParser(new InputStreamReader(new ByteArrayInputStream(body),
				charset.newDecoder()
					.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
					.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)))) {
			scan = JsonPath.scan(parser, this.recordsPath, wanted);
		}
		catch (StreamReadException ex) {
			throw new SourceException("GET " + uri + ": the answer is not valid JSON (" + ex.getOriginalMessage()
					+ "); it starts: " + excerpt(body), ex);
		}
		catch (IOException ex) {
			throw new SourceException("GET " + uri + ": the answer is not valid " + this.definition.encodingOrDefault()
					+ " JSON (" + ex.getMessage() + ")", ex);
		}
		if (scan.records() < 0) {
			throw new SourceException("GET " + uri + ": no array of records at '"
					+ ((this.definition.records() == null) ? "the top level" : this.definition.records())
					+ "' in the answer, which starts: " + excerpt(body));
		}
		return scan;
	}

	private byte[] get(URI uri, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.GET()
			.timeout(this.definition.readTimeout())
			.header("Accept", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		int attempts = this.definition.retriesOrDefault() + 1;
		Duration wait = this.definition.retryBackoff();
		// the request timeout ends the wait for the answer's head; this one bounds a stalled body too
		long bound = this.definition.connectTimeout().plus(this.definition.readTimeout()).toMillis();
		String last = null;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			if (attempt > 1) {
				sleep(wait, uri);
				wait = wait.multipliedBy(2);
			}
			CompletableFuture<HttpResponse<byte[]>> future = this.client.sendAsync(request.build(),
					HttpResponse.BodyHandlers.ofByteArray());
			HttpResponse<byte[]> response;
			try {
				response = future.get(bound, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				future.cancel(true);
				last = "timed out after " + seconds(this.definition.readTimeout());
				continue;
			}
			catch (ExecutionException ex) {
				last = describe(ex.getCause(), this.definition);
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SourceException("GET " + uri + ": interrupted", ex);
			}
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return response.body();
			}
			if (status >= 500 || status == 429 || status == 408) {
				last = "HTTP " + status + answer(response.body());
				continue;
			}
			throw new SourceException("GET " + uri + " answered HTTP " + status + answer(response.body()) + ": "
					+ advice(status) + "; nothing of this snapshot is loaded");
		}
		throw new SourceException("GET " + uri + " failed " + attempts + " time(s), the last " + last
				+ "; nothing of this snapshot is loaded");
	}

	private String advice(int status) {
		String tokenEnv = this.definition.tokenEnv();
		return switch (status) {
			case 401 -> (tokenEnv != null) ? "the token in " + tokenEnv + " was refused — renew it"
					: "the API wants a token — name its environment variable in 'token_env'";
			case 403 -> (tokenEnv != null) ? "the token in " + tokenEnv + " may not read this endpoint"
					: "access to this endpoint is forbidden";
			case 404 -> "no such endpoint — check 'url' in the pipeline";
			default -> "the API refused the request — check 'url' and 'pagination' in the pipeline";
		};
	}

	private static String describe(Throwable cause, SourceDefinition definition) {
		if (cause instanceof HttpConnectTimeoutException) {
			return "could not connect within " + seconds(definition.connectTimeout());
		}
		if (cause instanceof HttpTimeoutException) {
			return "timed out after " + seconds(definition.readTimeout());
		}
		if (cause instanceof ConnectException) {
			return "could not connect (" + cause.getMessage() + ")";
		}
		return (cause.getMessage() != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
				: cause.getClass().getSimpleName();
	}

	private static String answer(byte[] body) {
		return (body == null || body.length == 0) ? "" : " (" + excerpt(body) + ")";
	}

	private static String excerpt(byte[] body) {
		String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8).replaceAll("\\s+", " ")
			.strip();
		return (text.length() > 160) ? text.substring(0, 160) + "…" : text;
	}

	private static String seconds(Duration d) {
		return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
	}

	private static void sleep(Duration wait, URI uri) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SourceException("GET " + uri + ": interrupted while waiting to retry", ex);
		}
	}

}
