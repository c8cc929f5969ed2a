package care.vitals.model.alarm;

import java.util.ArrayList;
import java.util.List;

import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.feed;
import static care.vitals.model.alarm.AlarmFixtures.only;
import static care.vitals.model.alarm.AlarmFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the clinical limit alarms of the default risk table: every limit on both
 * sides, delays, escalation and hysteresis.
 */
class LimitAlarmTests {

	private final AlarmEngine engine = engine();

	@ParameterizedTest(name = "{0} {1} for {2} s raises nothing")
	@CsvSource({ "SPO2, 89, 14", "HEART_RATE, 125, 9", "HEART_RATE, 45, 9", "RESP_RATE, 26, 19", "RESP_RATE, 9, 19" })
	void raisesNothingWhileAViolationIsShorterThanItsDelay(Parameter parameter, double value, int seconds) {
		assertThat(feed(this.engine, parameter, value, 0, seconds)).isEmpty();
		assertThat(this.engine.active(BED_12.patient())).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1}: raised once after {2} s")
	@CsvSource({ "SPO2, 89, 15, spo2_low", "HEART_RATE, 125, 10, heart_rate_high", "HEART_RATE, 45, 10, heart_rate_low",
			"RESP_RATE, 26, 20, resp_rate_high", "RESP_RATE, 9, 20, resp_rate_low" })
	void raisesExactlyOnceWhenAViolationLastsItsDelay(Parameter parameter, double value, int delay, String kind) {
		List<AlarmTransition> transitions = feed(this.engine, parameter, value, 0, delay + 120);
		AlarmTransition raised = only(transitions);
		assertThat(describe(raised)).isEqualTo(kind + " MEDIUM RAISED @" + delay);
		assertThat(raised.raised()).isTrue();
		assertThat(raised.alarm().value()).isEqualTo(value);
		assertThat(raised.alarm().device()).isEqualTo("mon-7");
		assertThat(raised.alarm().patient()).isEqualTo("p-1042");
		assertThat(raised.alarm().ward()).isEqualTo("ward-3");
		assertThat(raised.alarm().bed()).isEqualTo("12");
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "SPO2, 90, none", "SPO2, 89.9, spo2_low MEDIUM", "SPO2, 85, spo2_low MEDIUM",
			"SPO2, 84.9, spo2_low HIGH", "SPO2, 100, none", "HEART_RATE, 50, none",
			"HEART_RATE, 49.9, heart_rate_low MEDIUM", "HEART_RATE, 40, heart_rate_low MEDIUM",
			"HEART_RATE, 39.9, heart_rate_low HIGH", "HEART_RATE, 120, none",
			"HEART_RATE, 120.1, heart_rate_high MEDIUM", "HEART_RATE, 140, heart_rate_high MEDIUM",
			"HEART_RATE, 140.1, heart_rate_high HIGH", "RESP_RATE, 10, none", "RESP_RATE, 9.9, resp_rate_low MEDIUM",
			"RESP_RATE, 8, resp_rate_low MEDIUM", "RESP_RATE, 7.9, resp_rate_low HIGH", "RESP_RATE, 24, none",
			"RESP_RATE, 24.1, resp_rate_high MEDIUM", "RESP_RATE, 30, resp_rate_high MEDIUM",
			"RESP_RATE, 30.1, resp_rate_high HIGH", "SYSTOLIC_BP, 90, none", "SYSTOLIC_BP, 89.9, systolic_bp_low HIGH",
			"SYSTOLIC_BP, 220, none", "SYSTOLIC_BP, 220.1, systolic_bp_high HIGH", "TEMPERATURE, 35.0, none",
			"TEMPERATURE, 34.9, temperature_low MEDIUM", "TEMPERATURE, 39.5, none",
			"TEMPERATURE, 39.6, temperature_high MEDIUM", "DIASTOLIC_BP, 30, none" })
	void appliesEveryDefaultLimitOnBothSides(Parameter parameter, double value, String expected) {
		List<String> raised = describe(feed(this.engine, parameter, value, 0, 30)).stream()
			.map((text) -> text.substring(0, text.indexOf(" RAISED")))
			.toList();
		if (expected.equals("none")) {
			assertThat(raised).isEmpty();
		}
		else {
			assertThat(raised).containsExactly(expected);
		}
	}

	@Test
	void raisesIntermittentMeasurementsWithoutDelay() {
		AlarmTransition raised = only(this.engine.onReading(BED_12, reading(0, Parameter.SYSTOLIC_BP, 85)));
		assertThat(describe(raised)).isEqualTo("systolic_bp_low HIGH RAISED @0");
		assertThat(raised.alarm().message()).isEqualTo("Systolic BP 85 mmHg below 90 mmHg");
		assertThat(this.engine.onReading(BED_12, reading(900, Parameter.SYSTOLIC_BP, 93))).isEmpty();
		assertThat(describe(this.engine.onReading(BED_12, reading(1800, Parameter.SYSTOLIC_BP, 95))))
			.containsExactly("systolic_bp_low HIGH RAISED (updated)");
	}

	@Test
	void restartsTheDelayWhenAValueIsBackInside() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(feed(this.engine, Parameter.SPO2, 88, 0, 10));
		transitions.addAll(feed(this.engine, Parameter.SPO2, 90, 11, 11));
		transitions.addAll(feed(this.engine, Parameter.SPO2, 88, 12, 26));
		assertThat(transitions).isEmpty();
		assertThat(describe(feed(this.engine, Parameter.SPO2, 88, 27, 27)))
			.containsExactly("spo2_low MEDIUM RAISED @27");
	}

	@Test
	void raisesOnceWhileValuesOscillateAroundTheLimit() {
		List<AlarmTransition> transitions = new ArrayList<>(feed(this.engine, Parameter.SPO2, 88, 0, 20));
		for (int s = 21; s <= 200; s++) {
			transitions.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, (s % 2 == 0) ? 89 : 91.9)));
		}
		assertThat(describe(transitions)).containsExactly("spo2_low MEDIUM RAISED @15");
	}

	@Test
	void clearsOnlyBackInsideByTheHysteresisForTheClearDelay() {
		feed(this.engine, Parameter.SPO2, 88, 0, 20);
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(feed(this.engine, Parameter.SPO2, 92, 21, 29));
		transitions.addAll(feed(this.engine, Parameter.SPO2, 91, 30, 30));
		transitions.addAll(feed(this.engine, Parameter.SPO2, 92, 31, 40));
		assertThat(transitions).isEmpty();
		assertThat(describe(feed(this.engine, Parameter.SPO2, 92, 41, 60)))
			.containsExactly("spo2_low MEDIUM RESOLVED @41");
		assertThat(this.engine.active(BED_12.patient())).isEmpty();
	}

	@Test
	void raisesANewEpisodeAfterResolution() {
		String first = only(feed(this.engine, Parameter.SPO2, 88, 0, 20)).alarm().alarmId();
		feed(this.engine, Parameter.SPO2, 95, 21, 40);
		AlarmTransition second = only(feed(this.engine, Parameter.SPO2, 88, 41, 60));
		assertThat(describe(second)).isEqualTo("spo2_low MEDIUM RAISED @56");
		assertThat(second.alarm().alarmId()).isNotEqualTo(first);
	}

	@Test
	void escalatesToHighPriorityAndKeepsItUntilClear() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(feed(this.engine, Parameter.SPO2, 88, 0, 19));
		transitions.addAll(feed(this.engine, Parameter.SPO2, 80, 20, 40));
		transitions.addAll(feed(this.engine, Parameter.SPO2, 88, 41, 80));
		transitions.addAll(feed(this.engine, Parameter.SPO2, 93, 81, 100));
		assertThat(describe(transitions)).containsExactly("spo2_low MEDIUM RAISED @15",
				"spo2_low HIGH RAISED (updated)", "spo2_low HIGH RAISED (updated)");
		assertThat(transitions.get(1).alarm().message()).isEqualTo("SpO2 80% below 85%");
		assertThat(transitions.get(1).alarm().alarmId()).as("one episode")
			.isEqualTo(transitions.get(0).alarm().alarmId());
		assertThat(transitions.get(1).alarm().since()).isEqualTo(at(15));
	}

	@Test
	void crossingAFurtherLimitRaisesAnAcknowledgedAlarmAgainUnderItsId() {
		List<AlarmTransition> raised = feed(this.engine, Parameter.SPO2, 88, 0, 19);
		Alarm medium = raised.get(0).alarm();
		this.engine.acknowledge(medium.alarmId(), "nurse.jones", at(19));
		assertThat(feed(this.engine, Parameter.SPO2, 87, 20, 30)).as("no further limit: acknowledgement holds")
			.isEmpty();
		AlarmTransition worse = only(feed(this.engine, Parameter.SPO2, 80, 31, 50));
		assertThat(worse.realerted()).isTrue();
		assertThat(worse.alarm().alarmId()).isEqualTo(medium.alarmId());
		assertThat(worse.alarm().priority()).isEqualTo(AlarmPriority.HIGH);
		assertThat(worse.alarm().since()).isEqualTo(medium.since());
	}

	@Test
	void raisesHighPriorityDirectlyWhenBothLimitsAreConfirmedTogether() {
		assertThat(describe(feed(this.engine, Parameter.SPO2, 80, 0, 30))).containsExactly("spo2_low HIGH RAISED @15");
	}

	@Test
	void ignoresOlderValuesSoBackfillNeverMovesAnAlarm() {
		feed(this.engine, Parameter.HEART_RATE, 130, 100, 120);
		assertThat(feed(this.engine, Parameter.HEART_RATE, 70, 0, 99)).isEmpty();
		assertThat(this.engine.active(BED_12.patient())).hasSize(1);
	}

	@Test
	void ignoresImplausibleValues() {
		assertThat(feed(this.engine, Parameter.SPO2, 101, 0, 30)).isEmpty();
	}

	@Test
	void keepsBothSidesApart() {
		List<AlarmTransition> transitions = new ArrayList<>();
		transitions.addAll(feed(this.engine, Parameter.HEART_RATE, 45, 0, 10));
		transitions.addAll(feed(this.engine, Parameter.HEART_RATE, 150, 11, 21));
		assertThat(describe(transitions)).containsExactly("heart_rate_low MEDIUM RAISED @10",
				"heart_rate_low MEDIUM RESOLVED @21", "heart_rate_high HIGH RAISED @21");
	}

}
