package cq.talentwarehouse.demo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A workbook as a district office keeps it: a title merged across the table above the header;
 * in date columns, dates entered as real Excel dates (ISO text here) and 202108-style codes typed
 * into number cells; everything else text, so ID numbers and codes keep their digits.
 */
final class XlsxSink implements RowSink {

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern YEAR_MONTH = Pattern.compile("\\d{6}");

	private final Path file;

	private final LocalDate created;

	private final boolean[] dateColumns;

	private final Path unpinned;

	private final OutputStream unpinnedOut;

	private final Workbook workbook;

	private final Worksheet sheet;

	private int next;

	private long rows;

	XlsxSink(Path file, String sheet, String title, boolean[] dateColumns, LocalDate created) throws IOException {
		this.file = file;
		this.created = created;
		this.dateColumns = dateColumns;
		this.unpinned = file.resolveSibling(file.getFileName() + ".part");
		this.unpinnedOut = new BufferedOutputStream(Files.newOutputStream(this.unpinned), 1 << 16);
		this.workbook = new Workbook(this.unpinnedOut, "Talent Warehouse demo", null);
		this.sheet = this.workbook.newWorksheet(sheet);
		this.sheet.value(0, 0, title);
		this.sheet.style(0, 0).bold().fontSize(14).horizontalAlignment("center").set();
		this.next = 1;
	}

	@Override
	public void header(String[] cells) {
		this.sheet.range(0, 0, 0, cells.length - 1).merge();
		for (int c = 0; c < cells.length; c++) {
			this.sheet.value(this.next, c, cells[c]);
			this.sheet.style(this.next, c).bold().set();
		}
		this.next++;
	}

	@Override
	public void row(String[] cells) {
		int r = this.next++;
		for (int c = 0; c < cells.length; c++) {
			String value = cells[c];
			if (value == null || value.isEmpty()) {
				continue;
			}
			if (this.dateColumns[c] && ISO_DATE.matcher(value).matches()) {
				this.sheet.value(r, c, LocalDate.parse(value));
				this.sheet.style(r, c).format("yyyy/m/d").set();
			}
			else if (this.dateColumns[c] && YEAR_MONTH.matcher(value).matches()) {
				this.sheet.value(r, c, Long.parseLong(value));
			}
			else {
				this.sheet.value(r, c, value);
			}
		}
		this.rows++;
	}

	@Override
	public long rows() {
		return this.rows;
	}

	@Override
	public int files() {
		return 1;
	}

	@Override
	public void close() throws IOException {
		this.workbook.finish();
		this.unpinnedOut.close();
		writePinned(this.unpinned, this.file, this.created);
		Files.delete(this.unpinned);
	}

	// fastexcel stamps the time of writing into docProps/core.xml and every zip entry; pinning both
	// to the snapshot date keeps "same seed, same bytes"
	private static void writePinned(Path xlsx, Path file, LocalDate created) throws IOException {
		try (ZipFile in = new ZipFile(xlsx.toFile());
				ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
			for (ZipEntry entry : java.util.Collections.list(in.entries())) {
				byte[] content;
				try (InputStream body = in.getInputStream(entry)) {
					content = body.readAllBytes();
				}
				if (entry.getName().equals("docProps/core.xml")) {
					content = new String(content, StandardCharsets.UTF_8)
						.replaceAll("(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", "$1" + created + "T00:00:00Z$2")
						.getBytes(StandardCharsets.UTF_8);
				}
				ZipEntry pinned = new ZipEntry(entry.getName());
				pinned.setTimeLocal(created.atStartOfDay());
				out.putNextEntry(pinned);
				out.write(content);
				out.closeEntry();
			}
		}
	}

}
