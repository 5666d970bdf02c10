package cq.talentwarehouse.demo;

import java.io.IOException;
import java.nio.file.Path;

import cq.talentwarehouse.demo.DemoDataGenerator.District;

/** A CSV feed in the district's charset, delimiter, line ends and BOM. */
final class CsvWriter implements RowSink {

	private final DistrictCsvFile file;

	private long rows;

	CsvWriter(Path file, District d) throws IOException {
		this.file = new DistrictCsvFile(file, d.charset, d.delimiter, d.lineEnd, d.bom);
	}

	@Override
	public void header(String[] cells) throws IOException {
		this.file.row(cells);
	}

	@Override
	public void row(String[] cells) throws IOException {
		this.file.row(cells);
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
		this.file.close();
	}

}
