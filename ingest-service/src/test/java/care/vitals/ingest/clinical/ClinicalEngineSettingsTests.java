package care.vitals.ingest.clinical;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.settings.PatientSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How the engine follows a patient's settings: a change is published before it applies,
 * the late echo of an older change never undoes a newer one, and clearing returns the
 * patient to the defaults without keeping state for patients it never knew.
 */
class ClinicalEngineSettingsTests {

	private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

	private final List<PatientSettings> published = new ArrayList<>();

	private boolean brokerDown;

	private final ClinicalEngine engine = new ClinicalEngine(new SettingsPublisher() {
		@Override
		public void publish(PatientSettings settings) {
			if (ClinicalEngineSettingsTests.this.brokerDown) {
				throw new IllegalStateException("broker down");
			}
			ClinicalEngineSettingsTests.this.published.add(settings);
		}

		@Override
		public void clear(String patient) {
		}
	}, SilentPublishers.OBSERVATIONS, Clock.fixed(NOW, ZoneOffset.UTC));

	private final ThresholdRule lowSpo2 = new ThresholdRule(Parameter.SPO2, 80.0, 85.0, null, null,
			Duration.ofSeconds(15), 1, Duration.ofSeconds(10), true);

	@Test
	void aChangeIsPublishedThenApplied() {
		ClinicalEngine.Change change = this.engine.change("p-1",
				(current) -> current.withScale(SpO2Scale.SCALE_2, "nurse-1", NOW));
		assertThat(this.published).containsExactly(change.settings());
		assertThat(change.settings().revision()).isEqualTo(1);
		assertThat(this.engine.scale("p-1")).isEqualTo(SpO2Scale.SCALE_2);
		assertThat(this.engine.settings("p-1")).isEqualTo(change.settings());
	}

	@Test
	void nothingChangesWhenTheBrokerDoesNotTakeTheChange() {
		this.brokerDown = true;
		assertThatIllegalStateException().isThrownBy(
				() -> this.engine.change("p-1", (current) -> current.withScale(SpO2Scale.SCALE_2, "nurse-1", NOW)));
		assertThat(this.engine.settings("p-1").revision()).isZero();
		assertThat(this.engine.scale("p-1")).isEqualTo(SpO2Scale.SCALE_1);
	}

	@Test
	void theLateEchoOfAnOlderChangeDoesNotUndoANewerOne() {
		PatientSettings first = this.engine
			.change("p-1", (current) -> current.withThreshold(this.lowSpo2, "nurse-1", NOW))
			.settings();
		PatientSettings second = this.engine
			.change("p-1", (current) -> current.withScale(SpO2Scale.SCALE_2, "nurse-1", NOW))
			.settings();
		this.engine.apply(first);
		assertThat(this.engine.settings("p-1")).isEqualTo(second);
		assertThat(this.engine.scale("p-1")).isEqualTo(SpO2Scale.SCALE_2);
		this.engine.apply(second);
		assertThat(this.engine.settings("p-1")).isEqualTo(second);
	}

	@Test
	void theBrokersMessageWinsWhenTwoInstancesChangedAtOnce() {
		PatientSettings mine = this.engine
			.change("p-1", (current) -> current.withScale(SpO2Scale.SCALE_2, "nurse-1", NOW))
			.settings();
		PatientSettings theirs = PatientSettings.defaults("p-1", NOW).withThreshold(this.lowSpo2, "nurse-2", NOW);
		assertThat(theirs.revision()).isEqualTo(mine.revision());
		this.engine.apply(mine);
		this.engine.apply(theirs);
		assertThat(this.engine.settings("p-1")).isEqualTo(theirs);
		assertThat(this.engine.rule("p-1", Parameter.SPO2)).isEqualTo(this.lowSpo2);
		assertThat(this.engine.scale("p-1")).isEqualTo(SpO2Scale.SCALE_1);
	}

	@Test
	void clearingReturnsToTheDefaults() {
		this.engine.change("p-1", (current) -> current.withThreshold(this.lowSpo2, "nurse-1", NOW)
			.withScale(SpO2Scale.SCALE_2, "nurse-1", NOW));
		this.engine.reset("p-1");
		assertThat(this.engine.settings("p-1").revision()).isZero();
		assertThat(this.engine.scale("p-1")).isEqualTo(SpO2Scale.SCALE_1);
		assertThat(this.engine.rule("p-1", Parameter.SPO2)).isNotEqualTo(this.lowSpo2);
		assertThat(this.engine.reset("p-2").isEmpty()).as("a patient it never knew").isTrue();
	}

}
