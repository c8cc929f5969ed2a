package care.vitals.model.reading;

import java.util.Objects;

import care.vitals.model.id.Identifiers;

/**
 * Where a value came from: a device (by its id, from the topic it published on) or a
 * member of staff (by their user name, from an authenticated action). Every value in a
 * patient's picture keeps its source (CLINICAL.md, principle 2).
 *
 * @param kind device or staff; never {@code null}
 * @param id the device id or the user name, a valid identifier; never {@code null}
 */
public record Source(Kind kind, String id) {

	/**
	 * Validates the source.
	 * @throws IllegalArgumentException if the id is not a valid identifier
	 */
	public Source {
		Objects.requireNonNull(kind, "kind");
		Identifiers.requireValid(id, "source id");
	}

	/**
	 * A device source.
	 * @param deviceId the device id
	 * @return the source
	 */
	public static Source device(String deviceId) {
		return new Source(Kind.DEVICE, deviceId);
	}

	/**
	 * A staff source.
	 * @param user the user name
	 * @return the source
	 */
	public static Source staff(String user) {
		return new Source(Kind.STAFF, user);
	}

	/**
	 * Tells whether a member of staff entered the value.
	 * @return {@code true} for staff
	 */
	public boolean isStaff() {
		return this.kind == Kind.STAFF;
	}

	/**
	 * Returns {@code device:<id>} or {@code staff:<id>}.
	 * @return the source as text
	 */
	@Override
	public String toString() {
		return this.kind.code() + ":" + this.id;
	}

	/** The kinds of source. */
	public enum Kind {

		/** A device measured the value. */
		DEVICE("device"),

		/** A member of staff observed and entered the value. */
		STAFF("staff");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		/**
		 * Returns the code stored with the value.
		 * @return {@code device} or {@code staff}
		 */
		public String code() {
			return this.code;
		}

	}

}
