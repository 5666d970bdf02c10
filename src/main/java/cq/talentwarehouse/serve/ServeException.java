package cq.talentwarehouse.serve;

/**
 * A serve that did not happen, as one sentence for the operator naming the server (never its
 * password): nothing of it is visible in PostgreSQL, and the DuckDB warehouse stays published.
 */
public class ServeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ServeException(String message) {
		super(message);
	}

	public ServeException(String message, Throwable cause) {
		super(message, cause);
	}

}
