package cq.talentwarehouse.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code manifest.json} of an export: what was written, so a BI loader can check it got every file
 * whole. Written last: an export folder without a manifest is unfinished.
 *
 * @param format parquet or csv
 * @param exportedAt local time the export finished
 * @param warehouse the warehouse file read
 * @param runId the last run published into that warehouse, null if it records none
 * @param views one entry per mart view
 */
public record Manifest(String format, String exportedAt, String warehouse, String runId, List<View> views) {

	public static final String FILE_NAME = "manifest.json";

	private static final ObjectMapper JSON = new ObjectMapper()
		.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(SerializationFeature.INDENT_OUTPUT);

	/**
	 * @param view qualified view name, e.g. mart.district_talent_totals
	 * @param description the view's comment
	 * @param rows rows of the view, equal to the sum of its files' rows
	 * @param partitionedBy the hive partition column, null when the view is one file
	 * @param files the files written for the view
	 */
	public record View(String view, String description, long rows, String partitionedBy, List<FileEntry> files) {
	}

	/**
	 * @param path relative to the export folder, with {@code /} separators
	 * @param rows data rows in the file (without a CSV header)
	 * @param bytes file size
	 * @param sha256 hex SHA-256 of the file's bytes
	 */
	public record FileEntry(String path, long rows, long bytes, String sha256) {
	}

	public void write(Path folder) throws IOException {
		Path target = folder.resolve(FILE_NAME);
		Path temp = folder.resolve(FILE_NAME + ".tmp");
		JSON.writeValue(temp.toFile(), this);
		Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

	public static Manifest read(Path folder) throws IOException {
		return JSON.readValue(folder.resolve(FILE_NAME).toFile(), Manifest.class);
	}

}
