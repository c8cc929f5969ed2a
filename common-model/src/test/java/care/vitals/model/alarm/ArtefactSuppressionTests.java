package care.vitals.model.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.OXIMETER;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.event;
import static care.vitals.model.alarm.AlarmFixtures.feed;
import static care.vitals.model.alarm.AlarmFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that values inside a sensor fault or artefact window never raise, advance or
 * clear clinical alarms.
 */
class ArtefactSuppressionTests {

	private static final Map<String, String> SPO2_PROBE = Map.of("sensor", "spo2");

	private final AlarmEngine engine = engine();

	@Test
	void raisesOnlyTheTechnicalAlarmForValuesAfterProbeOff() {
		assertThat(this.engine.onEvent(BED_12, event(OXIMETER, 0, "probe_off", SPO2_PROBE)))
			.as("a probe off for less than a minute needs nobody")
			.isEmpty();
		assertThat(feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 70, 0, 29)).isEmpty();
		assertThat(this.engine.tick(at(59))).isEmpty();
		AlarmTransition probeOff = only(this.engine.tick(at(60)));
		assertThat(describe(probeOff)).isEqualTo("probe_off MEDIUM RAISED @60");
		assertThat(probeOff.alarm().device()).isEqualTo(OXIMETER);
		assertThat(probeOff.alarm().value()).isNull();
		assertThat(probeOff.alarm().message()).isEqualTo("Probe off (spo2) on ox-2 for 60 s");
		assertThat(this.engine.active(BED_12.patient())).extracting(Alarm::kind).containsExactly("probe_off");
	}

	@Test
	void suppressesValuesUntilTheSettleTimeAfterProbeOnThenStartsAfresh() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(this.engine.onEvent(BED_12, event(OXIMETER, 0, "probe_off", SPO2_PROBE)));
		transitions.addAll(feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 70, 0, 19));
		transitions.addAll(this.engine.onEvent(BED_12, event(OXIMETER, 20, "probe_on", SPO2_PROBE)));
		transitions.addAll(feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 70, 20, 60));
		assertThat(describe(transitions)).containsExactly("spo2_low HIGH RAISED @46");
	}

	@Test
	void restartsARunningDelayWhenTheProbeComesOff() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 88, 0, 10));
		transitions.addAll(this.engine.onEvent(BED_12, event(OXIMETER, 11, "probe_off", SPO2_PROBE)));
		transitions.addAll(this.engine.onEvent(BED_12, event(OXIMETER, 12, "probe_on", SPO2_PROBE)));
		transitions.addAll(feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 88, 12, 60));
		assertThat(describe(transitions)).containsExactly("spo2_low MEDIUM RAISED @38");
	}

	@Test
	void neverClearsAnAlarmWithArtefactValues() {
		feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 86, 0, 20);
		this.engine.onEvent(BED_12, event(OXIMETER, 21, "probe_off", SPO2_PROBE));
		List<AlarmTransition> transitions = new ArrayList<>(
				feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 99, 21, 25));
		transitions.addAll(this.engine.onEvent(BED_12, event(OXIMETER, 26, "probe_on", SPO2_PROBE)));
		transitions.addAll(feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 99, 26, 60));
		assertThat(describe(transitions)).containsExactly("spo2_low MEDIUM RESOLVED @47");
	}

	@Test
	void limitsAProbeToTheParameterItNames() {
		this.engine.onEvent(BED_12, event(MONITOR, 0, "probe_off", SPO2_PROBE));
		assertThat(describe(feed(this.engine, Parameter.HEART_RATE, 150, 0, 20)))
			.containsExactly("heart_rate_high HIGH RAISED @10");
	}

	@Test
	void coversEveryParameterOfTheDeviceWhenTheSensorIsNotAParameter() {
		this.engine.onEvent(BED_12, event("wear-1", 0, "probe_off", Map.of("sensor", "skin_contact")));
		assertThat(feed(this.engine, BED_12, "wear-1", Parameter.HEART_RATE, 150, 0, 20)).isEmpty();
		assertThat(feed(this.engine, BED_12, "wear-1", Parameter.RESP_RATE, 40, 0, 25)).isEmpty();
	}

	@Test
	void suppressesOnlyTheFaultyDevice() {
		this.engine.onEvent(BED_12, event(OXIMETER, 0, "probe_off", SPO2_PROBE));
		assertThat(describe(feed(this.engine, Parameter.SPO2, 80, 0, 20))).containsExactly("spo2_low HIGH RAISED @15");
	}

	@Test
	void endsAFaultWithoutClosingEventOnAReadingAfterTheRecoveryTime() {
		List<AlarmTransition> transitions = new ArrayList<>(
				this.engine.onEvent(BED_12, event(OXIMETER, 0, "probe_off", SPO2_PROBE)));
		transitions.addAll(feed(this.engine, BED_12, OXIMETER, Parameter.SPO2, 80, 0, 60));
		assertThat(describe(transitions)).containsExactly("spo2_low HIGH RAISED @56");
	}

	@Test
	void closesLeadOffWithLeadOn() {
		List<AlarmTransition> transitions = new ArrayList<>(
				this.engine.onEvent(BED_12, event(MONITOR, 0, "lead_off", Map.of())));
		transitions.addAll(feed(this.engine, Parameter.HEART_RATE, 20, 0, 5));
		transitions.addAll(this.engine.onEvent(BED_12, event(MONITOR, 6, "lead_on", Map.of())));
		transitions.addAll(this.engine.onEvent(BED_12, event(MONITOR, 7, "lead_on", Map.of())));
		assertThat(describe(transitions)).as("a lead off for 6 s: its values suppressed, no alarm").isEmpty();
	}

	@Test
	void ignoresARepeatedOffEvent() {
		this.engine.onEvent(BED_12, event(OXIMETER, 0, "probe_off", SPO2_PROBE));
		assertThat(this.engine.onEvent(BED_12, event(OXIMETER, 5, "probe_off", SPO2_PROBE))).isEmpty();
	}

	@Test
	void treatsAnArtefactEventAsAWindowWithoutAlarm() {
		assertThat(this.engine.onEvent(BED_12, event(MONITOR, 0, "artefact", Map.of("sensor", "heart_rate"))))
			.isEmpty();
		assertThat(describe(feed(this.engine, Parameter.HEART_RATE, 150, 0, 30)))
			.containsExactly("heart_rate_high HIGH RAISED @21");
	}

	@Test
	void removesArtefactValuesForTheNews2Window() {
		this.engine.onEvent(BED_12, event(MONITOR, 0, "probe_off", SPO2_PROBE));
		Reading reading = new Reading(MONITOR, at(5), 5L, Map.of(Parameter.SPO2, 70.0, Parameter.HEART_RATE, 80.0),
				false, null);
		assertThat(this.engine.artefactFree(BED_12.patient(), reading))
			.hasValueSatisfying((clean) -> assertThat(clean.values()).containsOnlyKeys(Parameter.HEART_RATE));
		Reading spo2Only = Reading.of(MONITOR, at(6), Map.of(Parameter.SPO2, 70.0));
		assertThat(this.engine.artefactFree(BED_12.patient(), spo2Only)).isEmpty();
		Reading clean = Reading.of(MONITOR, at(6), Map.of(Parameter.HEART_RATE, 80.0));
		assertThat(this.engine.artefactFree(BED_12.patient(), clean)).containsSame(clean);
		assertThat(this.engine.artefactFree("p-unknown", spo2Only)).containsSame(spo2Only);
	}

}
