package cq.talentwarehouse.source;

/**
 * A source that cannot be read as its pipeline says (unknown encoding, missing column, empty
 * body). Its message is one sentence naming the file, fit to show an operator as it is.
 */
public class SourceException extends RuntimeException {

	public SourceException(String message) {
		super(message);
	}

	public SourceException(String message, Throwable cause) {
		super(message, cause);
	}

}
