package care.vitals.model.news2;

import java.util.Optional;

/**
 * The NEWS2 clinical risk band. Total 7 or more is {@link #HIGH}, 5-6 {@link #MEDIUM};
 * below 5, a single parameter scoring 3 makes it {@link #LOW_MEDIUM}, otherwise it is
 * {@link #LOW}. See {@link News2Scorer#risk(int, boolean)}. Declared in order of
 * increasing risk, so {@link #compareTo} orders bands.
 */
public enum News2Risk {

	/** Total 0-4 with no single parameter scoring 3. */
	LOW("low", "Ward-based response: routine monitoring at total 0, registered nurse assessment at 1-4"),

	/** A single parameter scores 3 and the total is below 5. */
	LOW_MEDIUM("low-medium", ClinicalResponse.URGENT_WARD_RESPONSE.text()),

	/** Total 5-6: the urgent response threshold. */
	MEDIUM("medium", ClinicalResponse.URGENT_RESPONSE.text()),

	/** Total 7 or more: the emergency response threshold. */
	HIGH("high", ClinicalResponse.EMERGENCY_RESPONSE.text());

	private final String code;

	private final String response;

	News2Risk(String code, String response) {
		this.code = code;
		this.response = response;
	}

	/**
	 * Looks a risk up by its code.
	 * @param code the code, e.g. {@code low-medium}; may be {@code null}
	 * @return the risk, or empty if the code is unknown or {@code null}
	 */
	public static Optional<News2Risk> fromCode(String code) {
		for (News2Risk risk : values()) {
			if (risk.code.equals(code)) {
				return Optional.of(risk);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the code stored in InfluxDB and shown on dashboards.
	 * @return {@code low}, {@code low-medium}, {@code medium} or {@code high}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Returns the clinical response of the band as text. For {@link #LOW} the exact
	 * response depends on the total (see {@link News2Score#response()}).
	 * @return the text, never empty
	 */
	public String response() {
		return this.response;
	}

	/**
	 * Returns the code.
	 * @return the code
	 */
	@Override
	public String toString() {
		return this.code;
	}

}
