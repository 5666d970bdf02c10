package cq.talentwarehouse.source;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The rows as a multiset: a 128-bit MurmurHash3 of each row (its characters, each value marked
 * null or prefixed with its length) added up in two 64-bit lanes, so the same rows in another
 * order — databases return unordered rows in any order — give the same digest; the sum, the row
 * count and the column names are then hashed with SHA-256. A change detector, not a signature:
 * MurmurHash3 per row is several times cheaper than SHA-256 at a million rows.
 */
final class RowDigest {

	private final MessageDigest sha;

	private byte[] row = new byte[1024];

	private long a;

	private long b;

	private long rows;

	RowDigest() {
		try {
			this.sha = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void add(String[] values) {
		int at = 0;
		for (String v : values) {
			int length = (v == null) ? -1 : v.length();
			at = room(at, 4 + 2 * Math.max(0, length));
			this.row[at++] = (byte) (length >>> 24);
			this.row[at++] = (byte) (length >>> 16);
			this.row[at++] = (byte) (length >>> 8);
			this.row[at++] = (byte) length;
			for (int i = 0; i < length; i++) {
				char c = v.charAt(i);
				this.row[at++] = (byte) (c >>> 8);
				this.row[at++] = (byte) c;
			}
		}
		long[] h = MurmurHash3.hash128x64(this.row, 0, at, 0);
		this.a += h[0];
		this.b += h[1];
		this.rows++;
	}

	/** A row as the bytes of its CSV line: the COPY path's unit (rows of one pull are all hashed one way). */
	void add(byte[] csvRow) {
		long[] h = MurmurHash3.hash128x64(csvRow, 0, csvRow.length, 0);
		this.a += h[0];
		this.b += h[1];
		this.rows++;
	}

	private int room(int at, int more) {
		if (at + more > this.row.length) {
			this.row = Arrays.copyOf(this.row, Math.max(this.row.length * 2, at + more));
		}
		return at;
	}

	String hex(List<String> labels) {
		this.sha.update(String.join("\u0000", labels).getBytes(StandardCharsets.UTF_8));
		this.sha.update(ByteBuffer.allocate(24).putLong(this.rows).putLong(this.a).putLong(this.b).array());
		return HexFormat.of().formatHex(this.sha.digest());
	}

}
