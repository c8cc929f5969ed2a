package care.vitals.model.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.OTHER;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies per-patient overrides of limits, delays and enablement, and the validation of
 * rules.
 */
class AlarmOverrideTests {

	private final AlarmEngine engine = engine();

	private final ThresholdRule spo2 = AlarmFixtures.rules().threshold(Parameter.SPO2).orElseThrow();

	@Test
	void appliesALowerLimitToOnePatientOnly() {
		this.engine.override(BED_12.patient(), this.spo2.withLimits(80.0, 88.0, null, null), at(0));
		assertThat(feed(this.engine, Parameter.SPO2, 89, 0, 60)).isEmpty();
		assertThat(describe(feed(this.engine, OTHER, "mon-9", Parameter.SPO2, 89, 0, 60)))
			.containsExactly("spo2_low MEDIUM RAISED @15");
		assertThat(this.engine.rules(BED_12.patient()).threshold(Parameter.SPO2))
			.hasValueSatisfying((rule) -> assertThat(rule.low()).isEqualTo(88.0));
		assertThat(this.engine.rules(OTHER.patient()).threshold(Parameter.SPO2)).contains(this.spo2);
	}

	@Test
	void appliesEachPatientsRuleWhenTheirValuesAlternate() {
		// the limits of the rule last used for a parameter are remembered: two patients'
		// values taking turns must each still meet their own rule
		this.engine.override(BED_12.patient(), this.spo2.withLimits(80.0, 88.0, null, null), at(0));
		List<AlarmTransition> mine = new ArrayList<>();
		List<AlarmTransition> theirs = new ArrayList<>();
		for (int s = 0; s <= 60; s++) {
			mine.addAll(feed(this.engine, Parameter.SPO2, 89, s, s));
			theirs.addAll(feed(this.engine, OTHER, "mon-9", Parameter.SPO2, 89, s, s));
		}
		assertThat(mine).isEmpty();
		assertThat(describe(theirs)).containsExactly("spo2_low MEDIUM RAISED @15");
	}

	@Test
	void appliesAnotherDelay() {
		this.engine.override(BED_12.patient(), this.spo2.withDelay(Duration.ofSeconds(30)), at(0));
		assertThat(describe(feed(this.engine, Parameter.SPO2, 89, 0, 60)))
			.containsExactly("spo2_low MEDIUM RAISED @30");
	}

	@Test
	void resolvesAndSilencesADisabledRule() {
		feed(this.engine, Parameter.SPO2, 89, 0, 20);
		assertThat(describe(this.engine.override(BED_12.patient(), this.spo2.withEnabled(false), at(21))))
			.containsExactly("spo2_low MEDIUM RESOLVED @21");
		assertThat(feed(this.engine, Parameter.SPO2, 80, 22, 100)).isEmpty();
	}

	@Test
	void returnsToTheDefaults() {
		this.engine.override(BED_12.patient(), this.spo2.withEnabled(false), at(0));
		assertThat(this.engine.clearOverride(BED_12.patient(), Parameter.SPO2, at(1))).isEmpty();
		assertThat(this.engine.clearOverride(BED_12.patient(), Parameter.SPO2, at(1))).isEmpty();
		assertThat(describe(feed(this.engine, Parameter.SPO2, 89, 2, 30)))
			.containsExactly("spo2_low MEDIUM RAISED @17");
	}

	@Test
	void addsARuleForAParameterWithoutDefaults() {
		ThresholdRule glucose = new ThresholdRule(Parameter.GLUCOSE, 54.0, 70.0, 250.0, 400.0, Duration.ZERO, 5,
				Duration.ZERO, true);
		this.engine.override(BED_12.patient(), glucose, at(0));
		assertThat(describe(feed(this.engine, Parameter.GLUCOSE, 50, 0, 0)))
			.containsExactly("glucose_low HIGH RAISED @0");
	}

	@Test
	void restartsRunningDelaysOnAChange() {
		feed(this.engine, Parameter.SPO2, 89, 0, 10);
		this.engine.override(BED_12.patient(), this.spo2.withLow(91.0), at(11));
		assertThat(describe(feed(this.engine, Parameter.SPO2, 89, 11, 40)))
			.containsExactly("spo2_low MEDIUM RAISED @26");
	}

	@Test
	void refusesALowLimitAboveTheHighLimit() {
		ThresholdRule hr = AlarmRules.defaults().threshold(Parameter.HEART_RATE).orElseThrow();
		assertThatIllegalArgumentException().isThrownBy(() -> hr.withLow(130.0));
		assertThatIllegalArgumentException().isThrownBy(() -> hr.withHigh(45.0));
		assertThatIllegalArgumentException().isThrownBy(() -> hr.withLimits(55.0, 50.0, 120.0, 140.0));
		assertThatIllegalArgumentException().isThrownBy(() -> hr.withLimits(40.0, 50.0, 120.0, 110.0));
		assertThatIllegalArgumentException().isThrownBy(() -> hr.withLimits(null, 100.0, 105.0, null));
		assertThatIllegalArgumentException().isThrownBy(() -> hr.withLimits(null, null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> hr.withLimits(Double.NaN, null, null, null));
	}

	@Test
	void refusesNegativeDelaysAndHysteresis() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.spo2.withDelay(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.spo2.withHysteresis(-1, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.spo2.withHysteresis(1, Duration.ofSeconds(-1)));
	}

	@Test
	void refusesARuleFiledUnderAnotherParameter() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AlarmRules(Map.of(Parameter.HEART_RATE, this.spo2),
				TechnicalRules.defaults(), true, AlarmRules.DEFAULT_NEWS2_HOLD));
	}

	@Test
	void refusesInconsistentTechnicalSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TechnicalRules(Duration.ofSeconds(60), 10, 20, 2,
				Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TechnicalRules.defaults().withNoDataTimeout(Duration.ZERO));
	}

	@Test
	void documentsTheDefaultRiskTable() {
		AlarmRules defaults = AlarmRules.defaults();
		assertThat(defaults.thresholds()).containsOnlyKeys(Parameter.SPO2, Parameter.HEART_RATE, Parameter.RESP_RATE,
				Parameter.SYSTOLIC_BP, Parameter.TEMPERATURE);
		assertThat(defaults.threshold(Parameter.SPO2)).contains(new ThresholdRule(Parameter.SPO2, 85.0, 90.0, null,
				null, Duration.ofSeconds(30), 2, Duration.ofSeconds(10), true));
		assertThat(defaults.news2Alarms()).isTrue();
		assertThat(defaults.technical()).isEqualTo(TechnicalRules.defaults());
		assertThat(defaults.threshold(Parameter.GLUCOSE)).isEmpty();
	}

}
