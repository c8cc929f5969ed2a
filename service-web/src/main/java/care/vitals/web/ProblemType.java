package care.vitals.web;

import java.net.URI;

/**
 * The problems both services' APIs answer with, each an RFC 9457 {@code type} URI that
 * stays stable (clients branch on it, not on {@code detail}), its HTTP status and title.
 * Only {@link #UNAVAILABLE} means "try again": nothing else gets better by retrying.
 */
public enum ProblemType {

	/**
	 * The request is well-formed but asks for something invalid: fix it, do not retry.
	 */
	INVALID_REQUEST(400, "invalid-request", "Invalid request"),

	/** The body is not JSON of the expected shape: fix it, do not retry. */
	MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),

	/** What the request names does not exist (any more). */
	NOT_FOUND(404, "not-found", "Not found"),

	/** The current state forbids the request (e.g. the patient is not admitted). */
	CONFLICT(409, "conflict", "Conflict"),

	/**
	 * The service could not complete the request now (the broker or the storage did not
	 * take it, or the service is shutting down): check the state, retry after
	 * {@code Retry-After} seconds.
	 */
	UNAVAILABLE(503, "unavailable", "Service unavailable"),

	/** A fault of the service; the log has the details, the answer has none. */
	INTERNAL_ERROR(500, "internal-error", "Internal error");

	/** Where the problem types live; a type is this base plus its {@link #slug()}. */
	public static final String BASE = "https://vitals.care/problems/";

	private final int status;

	private final String slug;

	private final String title;

	ProblemType(int status, String slug, String title) {
		this.status = status;
		this.slug = slug;
		this.title = title;
	}

	/**
	 * Returns the HTTP status.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the last segment of the type URI, e.g. {@code not-found}.
	 * @return the slug
	 */
	public String slug() {
		return this.slug;
	}

	/**
	 * Returns the short, human-readable summary, the same for every occurrence.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Returns the RFC 9457 {@code type}.
	 * @return the type URI
	 */
	public URI uri() {
		return URI.create(BASE + this.slug);
	}

}
