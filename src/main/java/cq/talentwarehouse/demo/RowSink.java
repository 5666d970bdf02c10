package cq.talentwarehouse.demo;

import java.io.IOException;

/** Where the rows of one feed go, in the form its district sends. */
interface RowSink extends AutoCloseable {

	void header(String[] cells) throws IOException;

	void row(String[] cells) throws IOException;

	/** Data rows written so far. */
	long rows();

	/** Files this feed is written as. */
	int files();

	@Override
	void close() throws IOException;

}
