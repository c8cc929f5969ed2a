package care.vitals.model.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import care.vitals.model.observation.PatientObservations;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.rejection.RejectReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies the retained staff observations of {@code patients/{patient}/observations}:
 * round trip, the discharge payload, and precise rejections.
 */
class PatientObservationsCodecTests {

	private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

	private final PatientObservationsCodec codec = new PatientObservationsCodec(DecodeLimits.defaults());

	@Test
	void roundTripsEveryKindOfObservation() {
		StaffObservation acvpu = new StaffObservation(T0, "nurse-1", Map.of(), null, null, null, Consciousness.V);
		StaffObservation oxygen = new StaffObservation(T0.plusSeconds(60), "nurse-2",
				Map.of(Parameter.TEMPERATURE, 38.4, Parameter.RESP_RATE, 22.0), true, "nasal_cannula", 2.0, null);
		PatientObservations observations = new PatientObservations("p-1", List.of(oxygen, acvpu));
		Outcome<Optional<PatientObservations>> decoded = this.codec.decode("p-1", this.codec.encode(observations));
		assertThat(decoded).isEqualTo(new Outcome.Ok<>(Optional.of(observations)));
		assertThat(observations.entries()).as("oldest first").containsExactly(acvpu, oxygen);
	}

	@Test
	void anEmptyPayloadMeansNone() {
		assertThat(this.codec.decode("p-1", this.codec.encodeNone())).isEqualTo(new Outcome.Ok<>(Optional.empty()));
	}

	@Test
	void rejectsAnotherPatientsObservations() {
		assertThat(reason("p-1", "{\"patient\":\"p-2\",\"entries\":[]}")).isEqualTo(RejectReason.INVALID_FIELD);
	}

	@Test
	void rejectsImpossibleValuesAndEntriesWithoutObservation() {
		assertThat(reason("p-1",
				"{\"patient\":\"p-1\",\"entries\":[{\"observedAt\":\"" + T0
						+ "\",\"observer\":\"nurse-1\",\"values\":{\"spo2\":150}}]}"))
			.isEqualTo(RejectReason.INVALID_FIELD);
		assertThat(reason("p-1",
				"{\"patient\":\"p-1\",\"entries\":[{\"observedAt\":\"" + T0 + "\",\"observer\":\"nurse-1\"}]}"))
			.isEqualTo(RejectReason.INVALID_FIELD);
		assertThat(reason("p-1", "{\"patient\":\"p-1\",\"entries\":[{\"observer\":\"nurse-1\",\"o2\":true}]}"))
			.isEqualTo(RejectReason.MISSING_VALUE);
		assertThat(reason("p-1",
				"{\"patient\":\"p-1\",\"entries\":[{\"observedAt\":\"" + T0
						+ "\",\"observer\":\"nurse-1\",\"consciousness\":\"X\"}]}"))
			.isEqualTo(RejectReason.INVALID_FIELD);
	}

	@Test
	void anOxygenDeviceOrFlowNeedsOxygen() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaffObservation(T0, "nurse-1", Map.of(), false, "nasal_cannula", null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaffObservation(T0, "nurse-1", Map.of(), true, null, 80.0, null));
	}

	@Test
	void keepsTheLastSixteenEntriesOfTheLastTwelveHours() {
		PatientObservations observations = new PatientObservations("p-1", List.of());
		for (int i = 0; i < 20; i++) {
			observations = observations.with(
					new StaffObservation(T0.plusSeconds(i), "nurse-1", Map.of(), null, null, null, Consciousness.A),
					T0.plusSeconds(i));
		}
		assertThat(observations.entries()).hasSize(PatientObservations.MAX_ENTRIES);
		observations = observations.with(
				new StaffObservation(T0.plusSeconds(13 * 3600), "nurse-1", Map.of(), null, null, null, Consciousness.V),
				T0.plusSeconds(13 * 3600));
		assertThat(observations.entries()).hasSize(1);
	}

	private RejectReason reason(String patient, String json) {
		Outcome<Optional<PatientObservations>> outcome = this.codec.decode(patient,
				json.getBytes(StandardCharsets.UTF_8));
		assertThat(outcome).isInstanceOf(Outcome.Failed.class);
		return ((Outcome.Failed<Optional<PatientObservations>>) outcome).rejection().reason();
	}

}
