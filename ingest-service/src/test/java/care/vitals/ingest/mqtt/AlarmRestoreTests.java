package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.SilentPublishers;
import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.clinical.ClinicalOwnership;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmState;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.AlarmListCodec;
import care.vitals.model.codec.DecodeLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that only alarms still true are restored at start: the patient is in that bed
 * now, the alarm's device is still theirs, and only the retained copy of a bed list
 * counts; every collected bed's list is published again as it now is.
 */
class AlarmRestoreTests {

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	private final List<AlarmList> published = new ArrayList<>();

	private final AssignmentHistory history = new AssignmentHistory();

	private final ClinicalEngine clinical = new ClinicalEngine(SilentPublishers.SETTINGS, SilentPublishers.OBSERVATIONS,
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final AlarmRestore restore = new AlarmRestore(this.clinical,
			new ClinicalOutput(ClinicalOwnership.ALONE, this.published::add), this.history);

	@Test
	void restoresTheAlarmsOfAPatientStillInThatBedWithTheirDevice() {
		this.history.assign("mon-1", new Assignment("p-1", "ward-3", "2", NOW.minusSeconds(3600)));
		Alarm spo2 = alarm("p-1", "2", "mon-1", AlarmKinds.low(care.vitals.model.parameter.Parameter.SPO2),
				AlarmPriority.HIGH, AlarmState.ACKNOWLEDGED);
		Alarm news2 = alarm("p-1", "2", null, AlarmKinds.NEWS2_HIGH, AlarmPriority.HIGH, AlarmState.RAISED);
		this.restore.offer("alarms/ward-3/2", list("2", spo2, news2), true);
		assertThat(this.restore.restore()).isEqualTo(2);
		assertThat(this.clinical.active("p-1")).containsExactlyInAnyOrder(spo2, news2);
		assertThat(this.published).singleElement().satisfies((l) -> assertThat(l.alarms()).hasSize(2));
	}

	@Test
	void aPatientMovedToAnotherBedWhileTheIngestWasDownLeavesTheOldBedEmpty() {
		this.history.assign("mon-1", new Assignment("p-1", "ward-3", "5", NOW.minusSeconds(60)));
		Alarm spo2 = alarm("p-1", "2", "mon-1", AlarmKinds.low(care.vitals.model.parameter.Parameter.SPO2),
				AlarmPriority.HIGH, AlarmState.ACKNOWLEDGED);
		this.restore.offer("alarms/ward-3/2", list("2", spo2), true);
		assertThat(this.restore.restore()).isZero();
		assertThat(this.clinical.active("p-1")).isEmpty();
		assertThat(this.published).singleElement().satisfies((l) -> {
			assertThat(l.bed()).isEqualTo("2");
			assertThat(l.alarms()).isEmpty();
		});
	}

	@Test
	void anAlarmOfADeviceNowOnAnotherPatientIsNotRestoredButThePatientsOwnAre() {
		this.history.assign("ox-1", new Assignment("p-1", "ward-3", "2", NOW.minusSeconds(3600)));
		this.history.assign("mon-1", new Assignment("p-9", "ward-3", "9", NOW.minusSeconds(60)));
		Alarm offline = alarm("p-1", "2", "mon-1", AlarmKinds.DEVICE_OFFLINE, AlarmPriority.MEDIUM, AlarmState.RAISED);
		Alarm news2 = alarm("p-1", "2", null, AlarmKinds.NEWS2_HIGH, AlarmPriority.HIGH, AlarmState.RAISED);
		this.restore.offer("alarms/ward-3/2", list("2", offline, news2), true);
		assertThat(this.restore.restore()).isOne();
		assertThat(this.clinical.active("p-1")).containsExactly(news2);
	}

	@Test
	void onlyTheRetainedCopyOfABedListCounts() {
		this.history.assign("mon-1", new Assignment("p-1", "ward-3", "2", NOW.minusSeconds(3600)));
		Alarm queued = alarm("p-1", "2", null, AlarmKinds.NEWS2_HIGH, AlarmPriority.HIGH, AlarmState.RAISED);
		this.restore.offer("alarms/ward-3/2", list("2", queued), false);
		this.restore.offer("alarms/ward-3/2", list("2"), true);
		assertThat(this.restore.restore()).isZero();
		assertThat(this.clinical.active("p-1")).isEmpty();
	}

	@Test
	void theOwnersOwnListsKeptAsPublishedAreReconciledWhenItTakesOverAgain() {
		this.history.assign("mon-1", new Assignment("p-1", "ward-3", "2", NOW.minusSeconds(3600)));
		this.restore.restore();
		Alarm news2 = alarm("p-1", "2", null, AlarmKinds.NEWS2_HIGH, AlarmPriority.HIGH, AlarmState.ACKNOWLEDGED);
		AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());
		this.restore.published("alarms/ward-3/2", codec.encode(list("2", news2)));
		this.restore.published("alarms/ward-3/3", "{\"not\":\"a list\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(this.clinical.active("p-1")).as("nothing decoded or adopted while it owns").isEmpty();
		this.restore.takeOver();
		assertThat(this.clinical.active("p-1")).as("the list as published, its acknowledgement kept")
			.containsExactly(news2);
	}

	private static Alarm alarm(String patient, String bed, String device, String kind, AlarmPriority priority,
			AlarmState state) {
		return new Alarm(kind + ".restored." + patient, patient, "ward-3", bed, device, priority, kind, state,
				kind + " before the restart", 80.0, NOW.minusSeconds(120));
	}

	private static AlarmList list(String bed, Alarm... alarms) {
		return new AlarmList("ward-3", bed, NOW.minusSeconds(5), List.of(alarms));
	}

}
