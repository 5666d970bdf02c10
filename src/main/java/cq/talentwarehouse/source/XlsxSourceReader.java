package cq.talentwarehouse.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/**
 * Streams one worksheet of an .xlsx workbook row by row (fastexcel's StAX reader: the sheet is never
 * held in memory) with the header rules of every source: each canonical field's column is found by
 * its header synonyms, the header row is the pipeline's {@code header_row} or the first row holding
 * every mapped header (so title rows and merged cells above the table need no setting), blank rows
 * are skipped wherever they are, and the position is saved so a restarted step resumes after the
 * last committed record.
 *
 * <p>Cells come out as the text a district meant: strings as typed; numbers exactly as stored, in
 * plain notation ({@code 500110198001011234}, never {@code 5.0011E+17} and never through a double,
 * so an ID typed into a number cell keeps every digit the workbook kept); numbers in a date format
 * as an ISO date (the time of day is dropped, the warehouse keeps dates); booleans as TRUE/FALSE;
 * formulas as their cached result. A date serial in a cell not formatted as a date stays a number.
 *
 * <p>{@link RawRecord#line()} is the Excel row number, 1-based as Excel shows it.
 */
public class XlsxSourceReader implements ItemStreamReader<RawRecord> {

	private final Path file;

	private final SourceKind kind;

	private final SourceDefinition definition;

	private ReadableWorkbook workbook;

	private Stream<Row> stream;

	private Iterator<Row> rows;

	private Row pending;

	private String where;

	private String sheetName;

	private int[] columnByField;

	private long recordsRead;

	private final XlsxCells cells = new XlsxCells();

	public XlsxSourceReader(Path file, SourceKind kind, SourceDefinition definition) {
		this.file = file;
		this.kind = kind;
		this.definition = definition;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		try {
			refuseOtherFormats();
			this.workbook = openWorkbook();
			Sheet sheet = sheet();
			this.sheetName = sheet.getName();
			this.where = this.file + " (sheet '" + this.sheetName + "')";
			this.stream = sheet.openStream();
			this.rows = this.stream.iterator();
			Row header = findHeader();
			this.where = this.file + " (sheet '" + this.sheetName + "', header row " + header.getRowNum() + ")";
			this.columnByField = HeaderMatcher.columns(texts(header), this.kind, this.definition, this.where,
					"the header has");
			if (nextRecordRow() == null) {
				throw new SourceException(this.where + ": the sheet has a header but no records");
			}
			long resumeAfter = context.getLong(DelimitedSourceReader.READ_COUNT, 0L);
			while (this.recordsRead < resumeAfter && read() != null) {
				// skip what an earlier attempt already committed
			}
		}
		catch (NoSuchFileException ex) {
			close();
			throw new SourceException(this.file + ": file not found in the snapshot folder");
		}
		catch (IOException | ExcelReaderException | UncheckedIOException ex) {
			close();
			throw new SourceException(this.file + ": cannot read as an .xlsx workbook (" + rootMessage(ex) + ")", ex);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private ReadableWorkbook openWorkbook() throws IOException {
		try {
			// cell formats are needed to tell a date serial from a number
			return new ReadableWorkbook(this.file.toFile(), new ReadingOptions(true, true));
		}
		catch (ExcelReaderException ex) {
			// some exporters write no styles part at all; such a workbook has no date formats either
			return new ReadableWorkbook(this.file.toFile(), new ReadingOptions(false, true));
		}
	}

	// An .xls or an encrypted workbook (both OLE2) or a CSV renamed .xlsx would otherwise fail deep
	// inside the zip reader with a message no operator can act on
	private void refuseOtherFormats() throws IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(this.file)) {
			head = in.readNBytes(8);
		}
		if (ReadableWorkbook.isOLE2Header(head)) {
			throw new SourceException(this.file + ": is an Excel 97-2003 (.xls) or password-protected workbook;"
					+ " ask the district to save it as .xlsx without a password");
		}
		if (!ReadableWorkbook.isOOXMLZipHeader(head)) {
			throw new SourceException(this.file + ": is not an .xlsx workbook (it does not start like one);"
					+ " check the file or the pipeline's 'format'");
		}
	}

	private Sheet sheet() {
		String wanted = this.definition.sheet();
		if (wanted == null) {
			return this.workbook.getFirstSheet();
		}
		List<Sheet> sheets = this.workbook.getSheets().toList();
		for (Sheet s : sheets) {
			if (wanted.equals(s.getName())) {
				return s;
			}
		}
		// sheet tabs are typed by hand as carelessly as headers
		for (Sheet s : sheets) {
			if (Objects.equals(HeaderMatcher.headerKey(wanted), HeaderMatcher.headerKey(s.getName()))) {
				return s;
			}
		}
		throw new SourceException(this.file + ": no sheet named '" + wanted + "'; the workbook has "
				+ sheets.stream().map(Sheet::getName).toList());
	}

	private Row findHeader() {
		Integer headerRow = this.definition.headerRow();
		if (headerRow != null) {
			Row row;
			while ((row = nextRow()) != null && row.getRowNum() < headerRow) {
				// rows above the header: titles, notes, merged banners
			}
			if (row == null || row.getRowNum() != headerRow || isBlank(row)) {
				throw new SourceException(this.where + ": header row " + headerRow + " is empty");
			}
			return row;
		}
		int wanted = HeaderMatcher.mapped(this.kind, this.definition);
		Row best = null;
		int bestMatched = -1;
		Row row;
		while ((row = nextRow()) != null && row.getRowNum() <= SourceDefinition.HEADER_SEARCH_ROWS) {
			if (isBlank(row)) {
				continue;
			}
			int matched = HeaderMatcher.matched(texts(row), this.kind, this.definition);
			if (matched == wanted) {
				return row;
			}
			if (matched > bestMatched) {
				best = row;
				bestMatched = matched;
			}
		}
		if (best == null) {
			throw new SourceException(this.where + ": the sheet is empty (no header row in its first "
					+ SourceDefinition.HEADER_SEARCH_ROWS + " rows)");
		}
		// the row closest to a header explains best what is missing
		HeaderMatcher.columns(texts(best), this.kind, this.definition, this.file + " (sheet '" + this.sheetName
				+ "', no header in the first " + SourceDefinition.HEADER_SEARCH_ROWS + " rows; row " + best.getRowNum()
				+ " comes closest)", "it has");
		throw new IllegalStateException("a row matching every mapped header was not taken as the header");
	}

	private Row nextRow() {
		if (this.pending != null) {
			Row row = this.pending;
			this.pending = null;
			return row;
		}
		return this.rows.hasNext() ? this.rows.next() : null;
	}

	private Row nextRecordRow() {
		Row row;
		while ((row = nextRow()) != null && isBlank(row)) {
			// blank rows inside the table and the formatted-but-empty rows Excel leaves below it
		}
		this.pending = row;
		return row;
	}

	@Override
	public RawRecord read() {
		Row row;
		try {
			row = nextRecordRow();
		}
		catch (ExcelReaderException | UncheckedIOException ex) {
			throw new SourceException(this.where + ": cannot read the row after " + this.recordsRead
					+ " records (" + rootMessage(ex) + ")", ex);
		}
		this.pending = null;
		if (row == null) {
			return null;
		}
		String[] values = new String[this.columnByField.length];
		for (int f = 0; f < values.length; f++) {
			int column = this.columnByField[f];
			if (column >= 0) {
				values[f] = this.cells.text(row.getOptionalCell(column).orElse(null));
			}
		}
		this.recordsRead++;
		return new RawRecord(row.getRowNum(), values);
	}

	private List<String> texts(Row row) {
		List<String> texts = new ArrayList<>(row.getCellCount());
		for (int i = 0; i < row.getCellCount(); i++) {
			String text = this.cells.text(row.getCell(i));
			texts.add((text == null) ? "" : text);
		}
		return texts;
	}

	private boolean isBlank(Row row) {
		for (int i = 0; i < row.getCellCount(); i++) {
			String text = this.cells.text(row.getCell(i));
			if (text != null && !text.isBlank()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(DelimitedSourceReader.READ_COUNT, this.recordsRead);
	}

	@Override
	public void close() {
		if (this.stream != null) {
			try {
				this.stream.close();
			}
			catch (RuntimeException ex) {
				// closing a sheet we only read cannot lose data
			}
			this.stream = null;
		}
		if (this.workbook != null) {
			try {
				this.workbook.close();
			}
			catch (IOException ex) {
				// closing a workbook we only read cannot lose data
			}
			this.workbook = null;
		}
	}

	public long recordsRead() {
		return this.recordsRead;
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
