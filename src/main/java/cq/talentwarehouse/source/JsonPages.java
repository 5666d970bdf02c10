package cq.talentwarehouse.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;

import cq.talentwarehouse.pipeline.SourceDefinition;

/** The files of a JSON snapshot and how one is opened and its failures worded: shared by downloaded and fetched pages. */
final class JsonPages {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private JsonPages() {
	}

	/**
	 * One page of a snapshot.
	 * @param file the file holding it
	 * @param name how messages to the operator name it
	 */
	record Page(Path file, String name) {
	}

	static List<Page> list(Path folder, String pattern) {
		if (!isGlob(pattern)) {
			Path file = folder.resolve(pattern);
			if (!Files.isRegularFile(file)) {
				throw new SourceException(file + ": file not found in the snapshot folder");
			}
			return List.of(new Page(file, file.toString()));
		}
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
		List<Page> pages = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((p) -> Files.isRegularFile(p) && matcher.matches(p.getFileName()))
				.sorted(Comparator.comparing((Path p) -> p.getFileName().toString()))
				.toList()) {
				pages.add(new Page(file, file.toString()));
			}
		}
		catch (NoSuchFileException ex) {
			throw new SourceException(folder + ": snapshot folder not found");
		}
		catch (IOException ex) {
			throw new SourceException(folder + ": cannot list the snapshot folder (" + ex.getMessage() + ")", ex);
		}
		if (pages.isEmpty()) {
			throw new SourceException(folder.resolve(pattern) + ": no file in the snapshot folder matches");
		}
		return pages;
	}

	private static boolean isGlob(String pattern) {
		return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0
				|| pattern.indexOf('{') >= 0;
	}

	static JsonParser open(Page page, SourceDefinition definition) throws IOException {
		Charset charset;
		try {
			charset = Charset.forName(definition.encodingOrDefault());
		}
		catch (RuntimeException ex) {
			throw new SourceException(page.name() + ": unknown encoding '" + definition.encoding() + "'");
		}
		// strict decoding: a page in another encoding fails instead of loading replacement characters
		Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(page.file()),
				charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				1 << 16);
		reader.mark(1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
		return JSON.createParser(reader);
	}

	static SourceException failure(Page page, JsonParser p, IOException ex, SourceDefinition definition) {
		if (ex instanceof NoSuchFileException) {
			return new SourceException(page.name() + ": file not found in the snapshot folder", ex);
		}
		long line = (p != null) ? p.currentLocation().getLineNr() : lineOf(ex);
		if (ex instanceof CharacterCodingException) {
			return new SourceException(page.name() + ": line " + Math.max(1, line) + " is not valid "
					+ definition.encodingOrDefault() + "; the file is in another encoding — set 'encoding' in the"
					+ " pipeline (UTF-8, GB18030, GBK)", ex);
		}
		if (ex instanceof StreamReadException read) {
			return new SourceException(page.name() + ": line " + lineOf(read) + " is not valid JSON ("
					+ read.getOriginalMessage() + ")", ex);
		}
		return new SourceException(page.name() + ": cannot read (" + ex.getMessage() + ")", ex);
	}

	private static long lineOf(IOException ex) {
		if (ex instanceof StreamReadException read && read.getLocation() != null) {
			return read.getLocation().getLineNr();
		}
		return 1;
	}

	static void close(JsonParser p) {
		if (p != null) {
			try {
				p.close();
			}
			catch (IOException ex) {
				// closing a page we only read cannot lose data
			}
		}
	}

}
