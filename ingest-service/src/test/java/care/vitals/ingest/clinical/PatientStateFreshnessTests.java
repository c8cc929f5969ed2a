package care.vitals.ingest.clinical;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.News2Score;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.reading.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that round observations stay fresh as long as the patient's observation
 * frequency allows: a 80-minute-old "alert" counts for a patient on 4-hourly
 * observations, not for one whose NEWS2 asks for hourly ones, and the stale entry does
 * not relax the frequency that made it stale.
 */
class PatientStateFreshnessTests {

	private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

	@Test
	void anAlertOf80MinutesCountsOnFourHourlyObservations() {
		PatientState state = new PatientState();
		observeAlertOnAir(state);
		News2Score score = monitorFor(state, Duration.ofMinutes(80), 16, 97);
		assertThat(score.partial()).isFalse();
		assertThat(state.observationInterval()).isEqualTo(Duration.ofHours(12));
	}

	@Test
	void anAlertOf80MinutesIsOutOfDateOnHourlyObservations() {
		PatientState state = new PatientState();
		observeAlertOnAir(state);
		// RR 26 (3) and SpO2 93 (2): NEWS2 5, urgent response, observations hourly
		News2Score early = monitorFor(state, Duration.ofMinutes(70), 26, 93);
		assertThat(early.partial()).isFalse();
		assertThat(early.total()).isEqualTo(5);
		assertThat(state.observationInterval()).isEqualTo(Duration.ofHours(1));
		News2Score late = monitorFor(state, Duration.ofMinutes(80), 26, 93);
		assertThat(late.partial()).as("the alert is 80 min old: more than an hour and the round's 15 min").isTrue();
		assertThat(late.unavailable()).contains(News2Parameter.CONSCIOUSNESS, News2Parameter.AIR_OR_OXYGEN);
		assertThat(state.observationInterval()).as("the stale entry does not relax the frequency")
			.isEqualTo(Duration.ofHours(1));
	}

	private static void observeAlertOnAir(PatientState state) {
		state.accept(new Reading("staff-entry", T0, null, Map.of(), false, Consciousness.A), Source.staff("nurse-1"));
	}

	/** Monitor readings every minute up to {@code until}; returns the last score. */
	private static News2Score monitorFor(PatientState state, Duration until, double rr, double spo2) {
		News2Score last = null;
		for (long m = 0; m <= until.toMinutes(); m++) {
			Reading reading = Reading.of("mon-1", T0.plusSeconds(60 * m),
					Map.of(Parameter.RESP_RATE, rr, Parameter.SPO2, spo2, Parameter.HEART_RATE, 70.0,
							Parameter.SYSTOLIC_BP, 120.0, Parameter.TEMPERATURE, 37.0));
			News2Score score = state.accept(reading, Source.device("mon-1"));
			last = (score != null) ? score : last;
		}
		return state.last();
	}

}
