package care.vitals.model.news2;

import java.time.Duration;

/**
 * The clinical response the RCP NEWS2 chart prescribes for a score, with its minimum
 * frequency of observations.
 */
public enum ClinicalResponse {

	/**
	 * A partial score whose known part is low: it is not a low score (CLINICAL.md,
	 * principle 8); the missing parameters must be observed before any response is
	 * decided, now.
	 */
	INCOMPLETE("Incomplete: observe the missing parameters now; not a low score", Duration.ZERO),

	/** Total 0: routine monitoring, observations at least every 12 hours. */
	ROUTINE("Routine monitoring; observations at least every 12 hours", Duration.ofHours(12)),

	/**
	 * Total 1-4: a registered nurse assesses the patient and decides on the frequency and
	 * escalation; observations at least every 4-6 hours (the interval is the stricter 4).
	 */
	WARD_ASSESSMENT("Registered nurse assesses; observations at least every 4-6 hours", Duration.ofHours(4)),

	/**
	 * A single parameter scores 3 (total below 5): urgent ward-based response, the nurse
	 * informs the medical team; observations at least hourly.
	 */
	URGENT_WARD_RESPONSE("Urgent ward-based response: nurse informs the medical team; observations at least hourly",
			Duration.ofHours(1)),

	/**
	 * Total 5-6 (urgent response threshold): urgent review by a clinician competent in
	 * acute illness within 1 hour; observations at least hourly.
	 */
	URGENT_RESPONSE("Urgent response: review by a clinician competent in acute illness within 1 hour; "
			+ "observations at least hourly", Duration.ofHours(1)),

	/**
	 * Total 7 or more (emergency response threshold): emergency assessment by a critical
	 * care team; continuous monitoring.
	 */
	EMERGENCY_RESPONSE("Emergency response: emergency assessment by a critical care team; continuous monitoring",
			Duration.ZERO);

	private final String text;

	private final Duration observationInterval;

	ClinicalResponse(String text, Duration observationInterval) {
		this.text = text;
		this.observationInterval = observationInterval;
	}

	/**
	 * Returns the response as text for displays.
	 * @return the text, never empty
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Returns the longest allowed time between observations.
	 * @return the interval; {@link Duration#ZERO} means continuous monitoring
	 */
	public Duration observationInterval() {
		return this.observationInterval;
	}

}
