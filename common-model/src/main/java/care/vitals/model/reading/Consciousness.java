package care.vitals.model.reading;

import java.util.Optional;

/**
 * Level of consciousness on the ACVPU scale used by NEWS2: Alert, new Confusion, responds
 * to Voice, responds to Pain, Unresponsive. Encoded in payloads as the single upper-case
 * letter ({@link #name()}).
 */
public enum Consciousness {

	/** Alert. */
	A,

	/** New confusion. */
	C,

	/** Responds to voice. */
	V,

	/** Responds to pain. */
	P,

	/** Unresponsive. */
	U;

	/**
	 * Looks a level up by its letter.
	 * @param code the letter, exactly one of {@code A C V P U}; may be {@code null}
	 * @return the level, or empty for anything else (lower case included)
	 */
	public static Optional<Consciousness> fromCode(String code) {
		if (code == null || code.length() != 1) {
			return Optional.empty();
		}
		for (Consciousness level : values()) {
			if (level.name().equals(code)) {
				return Optional.of(level);
			}
		}
		return Optional.empty();
	}

	/**
	 * Tells whether the patient is alert; every other level scores 3 in NEWS2.
	 * @return {@code true} for {@link #A}
	 */
	public boolean isAlert() {
		return this == A;
	}

}
