package cq.talentwarehouse.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/**
 * A JSON source fetched from a platform's paged HTTP API. Every page of the snapshot is fetched
 * into a spool folder of the run's staging area before the first record is read, so a page that
 * cannot be had fails the step with nothing of the snapshot staged; then the spooled pages are read
 * like downloaded ones by a {@link JsonSourceReader}.
 *
 * <p>A restarted step reads the pages its first attempt spooled (once all were fetched) rather
 * than asking the API again, so the records it skips are the ones it committed. A spool left
 * incomplete is fetched anew.
 */
public class HttpPagedJsonReader implements ItemStreamReader<RawRecord> {

	/** Written last: its presence says every page of the snapshot is in the spool. */
	static final String COMPLETE = "complete";

	private final Path spool;

	private final SourceKind kind;

	private final SourceDefinition definition;

	private final Function<String, String> environment;

	private JsonSourceReader pages;

	public HttpPagedJsonReader(Path spool, SourceKind kind, SourceDefinition definition) {
		this(spool, kind, definition, System::getenv);
	}

	/** @param environment looks up environment variables (the API token) */
	HttpPagedJsonReader(Path spool, SourceKind kind, SourceDefinition definition, Function<String, String> environment) {
		this.spool = spool;
		this.kind = kind;
		this.definition = definition;
		this.environment = environment;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		List<Path> files = Files.exists(this.spool.resolve(COMPLETE)) ? spooled() : fetch();
		List<JsonPages.Page> named = new ArrayList<>(files.size());
		for (int i = 0; i < files.size(); i++) {
			named.add(new JsonPages.Page(files.get(i),
					"page " + (i + 1) + " of " + this.definition.url() + " (spooled as " + files.get(i) + ")"));
		}
		this.pages = new JsonSourceReader(() -> named, this.definition.url(), false, this.kind, this.definition);
		this.pages.open(context);
	}

	private List<Path> fetch() {
		try {
			if (Files.exists(this.spool)) {
				try (Stream<Path> old = Files.list(this.spool)) {
					for (Path p : old.toList()) {
						Files.delete(p);
					}
				}
			}
			Files.createDirectories(this.spool);
		}
		catch (IOException ex) {
			throw new SourceException(this.spool + ": cannot prepare the spool folder for " + this.definition.url()
					+ " (" + ex.getMessage() + ")", ex);
		}
		List<Path> files = new PagedHttpClient(this.definition, this.environment).fetchAll(this.spool);
		try {
			Files.writeString(this.spool.resolve(COMPLETE), files.size() + " pages of " + this.definition.url() + "\n",
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new SourceException(this.spool + ": cannot write the spool folder (" + ex.getMessage() + ")", ex);
		}
		return files;
	}

	private List<Path> spooled() {
		try (Stream<Path> files = Files.list(this.spool)) {
			return files.filter((p) -> p.getFileName().toString().matches("page_\\d+\\.json"))
				.sorted(Comparator.comparing((Path p) -> p.getFileName().toString()))
				.toList();
		}
		catch (IOException ex) {
			throw new SourceException(this.spool + ": cannot read the spooled pages of " + this.definition.url() + " ("
					+ ex.getMessage() + ")", ex);
		}
	}

	@Override
	public RawRecord read() {
		return this.pages.read();
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.pages != null) {
			this.pages.update(context);
		}
	}

	@Override
	public void close() {
		if (this.pages != null) {
			this.pages.close();
		}
	}

	public long recordsRead() {
		return (this.pages != null) ? this.pages.recordsRead() : 0;
	}

}
