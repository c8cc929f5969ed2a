package care.vitals.model.codec;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import care.vitals.model.alarm.AlarmRules;
import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.settings.PatientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static care.vitals.model.codec.Fixtures.failed;
import static care.vitals.model.codec.Fixtures.ok;
import static care.vitals.model.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PatientSettingsCodecTests {

	private static final Instant AT = Instant.parse("2026-11-28T00:00:00Z");

	private final PatientSettingsCodec codec = new PatientSettingsCodec(DecodeLimits.defaults());

	@Test
	void decodesTheContractExample() {
		PatientSettings settings = ok(this.codec.decode("p-1042", utf8("""
				{"patient":"p-1042","revision":3,"spo2Scale":2,
				 "thresholds":{"spo2":{"criticalLow":84,"low":86,"high":null,"criticalHigh":null,
				   "delaySeconds":15,"hysteresis":1,"clearDelaySeconds":10,"enabled":true}},
				 "updatedBy":"nurse-1","updatedAt":"2026-11-28T00:00:00Z"}
				"""))).orElseThrow();
		assertThat(settings.revision()).isEqualTo(3);
		assertThat(settings.scale()).isEqualTo(SpO2Scale.SCALE_2);
		assertThat(settings.thresholds()).containsOnlyKeys(Parameter.SPO2);
		ThresholdRule spo2 = settings.thresholds().get(Parameter.SPO2);
		assertThat(spo2).isEqualTo(new ThresholdRule(Parameter.SPO2, 84.0, 86.0, null, null, Duration.ofSeconds(15), 1,
				Duration.ofSeconds(10), true));
		assertThat(settings.updatedBy()).isEqualTo("nurse-1");
		assertThat(settings.updatedAt()).isEqualTo(AT);
	}

	@Test
	void decodesAnEmptyPayloadAsTheDefaults() {
		assertThat(ok(this.codec.decode("p-1", new byte[0]))).isEmpty();
		assertThat(ok(this.codec.decode("p-1", null))).isEmpty();
		assertThat(this.codec.encodeDefaults()).isEmpty();
	}

	@Test
	void roundTripsEveryDefaultRuleChangedAndAScale() {
		PatientSettings settings = PatientSettings.defaults("p-7", AT).withScale(SpO2Scale.SCALE_2, "dr-a", AT);
		for (ThresholdRule rule : AlarmRules.defaults().thresholds().values()) {
			settings = settings.withThreshold(rule.withDelay(rule.delay().plusMillis(1500)).withEnabled(false),
					"nurse-1", AT.plusMillis(250));
		}
		Optional<PatientSettings> decoded = ok(this.codec.decode("p-7", this.codec.encode(settings)));
		assertThat(decoded).contains(settings);
		assertThat(settings.thresholds()).hasSize(AlarmRules.defaults().thresholds().size());
	}

	@Test
	void roundTripsAnExpiryAndEndsItWithItsOverride() {
		ThresholdRule off = AlarmRules.defaults().threshold(Parameter.HEART_RATE).orElseThrow().withEnabled(false);
		PatientSettings settings = PatientSettings.defaults("p-7", AT)
			.withThreshold(off, AT.plusSeconds(3600), "nurse-1", AT);
		assertThat(settings.expiries()).containsEntry(Parameter.HEART_RATE, AT.plusSeconds(3600));
		assertThat(ok(this.codec.decode("p-7", this.codec.encode(settings)))).contains(settings);
		assertThat(settings.expired(AT.plusSeconds(3599))).isEmpty();
		assertThat(settings.expired(AT.plusSeconds(3600))).containsExactly(Parameter.HEART_RATE);
		assertThat(settings.withoutThreshold(Parameter.HEART_RATE, "expiry", AT).expiries()).isEmpty();
		assertThat(settings.withThreshold(off, "nurse-2", AT).expiries()).as("a new change without an end").isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> new PatientSettings("p-7", 1, SpO2Scale.SCALE_1, Map.of(),
				"nurse-1", AT, Map.of(Parameter.SPO2, AT)));
	}

	@Test
	void everyChangeIncrementsTheRevision() {
		PatientSettings defaults = PatientSettings.defaults("p-1", AT);
		assertThat(defaults.revision()).isZero();
		ThresholdRule rule = new ThresholdRule(Parameter.HEART_RATE, null, 45.0, 130.0, null, Duration.ZERO, 2,
				Duration.ZERO, true);
		PatientSettings changed = defaults.withScale(SpO2Scale.SCALE_2, "a", AT)
			.withThreshold(rule, "b", AT)
			.withoutThreshold(Parameter.HEART_RATE, "c", AT);
		assertThat(changed.revision()).isEqualTo(3);
	}

	@Test
	void refusesDelaysLongerThanADaySoThatEveryReaderAcceptsWhatTheApiAccepted() {
		ThresholdRule rule = new ThresholdRule(Parameter.HEART_RATE, null, 45.0, 130.0, null, Duration.ofHours(25), 2,
				Duration.ZERO, true);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PatientSettings.defaults("p-1", AT).withThreshold(rule, "nurse-1", AT));
	}

	@Test
	void clearingAnOverrideRemovesItsRule() {
		ThresholdRule rule = new ThresholdRule(Parameter.HEART_RATE, null, 45.0, 130.0, null, Duration.ZERO, 2,
				Duration.ZERO, true);
		PatientSettings settings = PatientSettings.defaults("p-1", AT).withThreshold(rule, "nurse-1", AT);
		assertThat(settings.withoutThreshold(Parameter.HEART_RATE, "nurse-2", AT).thresholds()).isEmpty();
	}

	@Test
	void refusesARuleFiledUnderAnotherParameter() {
		ThresholdRule rule = new ThresholdRule(Parameter.HEART_RATE, null, 45.0, 130.0, null, Duration.ZERO, 2,
				Duration.ZERO, true);
		assertThatIllegalArgumentException().isThrownBy(
				() -> new PatientSettings("p-1", 1, SpO2Scale.SCALE_1, Map.of(Parameter.SPO2, rule), "nurse-1", AT));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
							' '                                                                                                  | malformed_json
							[]                                                                                                   | wrong_type
							{"patient":"p-2","revision":1,"spo2Scale":1,"thresholds":{},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"}   | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":3,"thresholds":{},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"}   | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":1.5,"thresholds":{},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":"2","thresholds":{},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | wrong_type
							{"patient":"p-1","revision":1,"thresholds":{},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"}    | missing_value
					{"patient":"p-1","spo2Scale":1,"thresholds":{},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"}   | missing_value
					{"patient":"p-1","revision":-1,"spo2Scale":1,"thresholds":{},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | invalid_field
					{"patient":"p-1","revision":1.5,"spo2Scale":1,"thresholds":{},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":1,"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"}                   | missing_value
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{},"updatedAt":"2026-11-28T00:00:00Z"}                   | missing_value
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{},"updatedBy":"u"}                                      | missing_value
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{},"updatedBy":"","updatedAt":"2026-11-28T00:00:00Z"}    | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{"pulse":{}},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | unknown_parameter
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{"spo2":1},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | wrong_type
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{"spo2":{"low":90,"delaySeconds":5,"hysteresis":1,"clearDelaySeconds":5}},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | missing_value
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{"spo2":{"low":90,"delaySeconds":-1,"hysteresis":1,"clearDelaySeconds":5,"enabled":true}},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{"spo2":{"low":90,"delaySeconds":1e9,"hysteresis":1,"clearDelaySeconds":5,"enabled":true}},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{"spo2":{"low":95,"high":90,"delaySeconds":5,"hysteresis":1,"clearDelaySeconds":5,"enabled":true}},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{"spo2":{"delaySeconds":5,"hysteresis":1,"clearDelaySeconds":5,"enabled":true}},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | invalid_field
							{"patient":"p-1","revision":1,"spo2Scale":1,"thresholds":{"spo2":{"low":"90","delaySeconds":5,"hysteresis":1,"clearDelaySeconds":5,"enabled":true}},"updatedBy":"u","updatedAt":"2026-11-28T00:00:00Z"} | wrong_type
							""")
	void rejectsBadSettings(String payload, String reason) {
		assertThat(failed(this.codec.decode("p-1", utf8(payload))).reason().code()).isEqualTo(reason);
	}

}
