package care.vitals.model.alarm;

import java.util.List;

import care.vitals.model.device.DeviceStatus;
import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.OTHER;
import static care.vitals.model.alarm.AlarmFixtures.T0;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.feed;
import static care.vitals.model.alarm.AlarmFixtures.only;
import static care.vitals.model.alarm.AlarmFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies the lifecycle raised, acknowledged, resolved: acknowledgement, invalid
 * transitions, stable ids, active lists, transfer and discharge.
 */
class AlarmLifecycleTests {

	private final AlarmEngine engine = engine();

	@Test
	void acknowledgesThenResolves() {
		Alarm raised = raiseSbp();
		AckOutcome outcome = this.engine.acknowledge(raised.alarmId(), "nurse.jones", at(30));
		assertThat(outcome).isInstanceOf(AckOutcome.Acknowledged.class);
		AlarmTransition ack = ((AckOutcome.Acknowledged) outcome).transition();
		assertThat(ack.from()).isEqualTo(AlarmState.RAISED);
		assertThat(ack.actor()).isEqualTo("nurse.jones");
		assertThat(ack.alarm().state()).isEqualTo(AlarmState.ACKNOWLEDGED);
		assertThat(ack.alarm().ts()).isEqualTo(at(30));
		assertThat(ack.alarm().alarmId()).isEqualTo(raised.alarmId());
		assertThat(this.engine.active(BED_12.patient())).containsExactly(ack.alarm());
		AlarmTransition resolved = only(this.engine.onReading(BED_12, reading(60, Parameter.SYSTOLIC_BP, 120)));
		assertThat(resolved.from()).isEqualTo(AlarmState.ACKNOWLEDGED);
		assertThat(resolved.alarm().state()).isEqualTo(AlarmState.RESOLVED);
		assertThat(resolved.actor()).isNull();
		assertThat(resolved.alarm().alarmId()).isEqualTo(raised.alarmId());
	}

	@Test
	void resolvesWithoutAcknowledgement() {
		Alarm raised = raiseSbp();
		AlarmTransition resolved = only(this.engine.onReading(BED_12, reading(60, Parameter.SYSTOLIC_BP, 120)));
		assertThat(resolved.from()).isEqualTo(AlarmState.RAISED);
		assertThat(resolved.alarm().alarmId()).isEqualTo(raised.alarmId());
	}

	@Test
	void acknowledgesIdempotentlyAndRefusesResolvedOrUnknownAlarms() {
		Alarm raised = raiseSbp();
		this.engine.acknowledge(raised.alarmId(), "nurse.jones", at(30));
		assertThat(this.engine.acknowledge(raised.alarmId(), "dr.who", at(31))).isInstanceOfSatisfying(
				AckOutcome.AlreadyAcknowledged.class, (already) -> assertThat(already.alarm().ts()).isEqualTo(at(30)));
		this.engine.onReading(BED_12, reading(60, Parameter.SYSTOLIC_BP, 120));
		assertThat(this.engine.acknowledge(raised.alarmId(), "nurse.jones", at(61)))
			.isEqualTo(new AckOutcome.NotActive(raised.alarmId()));
		assertThat(this.engine.acknowledge("no-such-alarm", "nurse.jones", at(61)))
			.isInstanceOf(AckOutcome.NotActive.class);
	}

	@Test
	void requiresAValidUser() {
		Alarm raised = raiseSbp();
		assertThatIllegalArgumentException().isThrownBy(() -> this.engine.acknowledge(raised.alarmId(), "", at(30)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.engine.acknowledge(raised.alarmId(), "Nurse Jones", at(30)));
	}

	@Test
	void neverStampsATransitionBeforeTheCurrentState() {
		Alarm raised = raiseSbp();
		AckOutcome outcome = this.engine.acknowledge(raised.alarmId(), "nurse.jones", T0.minusSeconds(5));
		assertThat(((AckOutcome.Acknowledged) outcome).transition().alarm().ts()).isEqualTo(raised.ts());
	}

	@Test
	void refusesTransitionsTheLifecycleForbids() {
		Alarm raised = raiseSbp();
		Alarm resolved = raised.moveTo(AlarmState.RESOLVED, at(1));
		assertThatIllegalArgumentException().isThrownBy(() -> new AlarmTransition(resolved, null, null));
		assertThat(new AlarmTransition(raised, AlarmState.ACKNOWLEDGED, null).realerted()).as("a re-alert").isTrue();
		assertThat(new AlarmTransition(raised, AlarmState.RAISED, null).updated()).as("an update in place").isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> new AlarmTransition(resolved, AlarmState.RESOLVED, null));
		Alarm acknowledged = raised.moveTo(AlarmState.ACKNOWLEDGED, at(1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AlarmTransition(acknowledged, AlarmState.RAISED, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new AlarmTransition(resolved, AlarmState.RAISED, "x"));
		assertThat(new AlarmTransition(acknowledged, AlarmState.RAISED, "x").raised()).isFalse();
	}

	@Test
	void issuesUniqueValidIdsPerEpisode() {
		String first = raiseSbp().alarmId();
		this.engine.onReading(BED_12, reading(1, Parameter.SYSTOLIC_BP, 120));
		String second = only(this.engine.onReading(BED_12, reading(1, Parameter.SYSTOLIC_BP, 80))).alarm().alarmId();
		String other = only(this.engine.onReading(OTHER, reading("mon-9", 0, Parameter.SYSTOLIC_BP, 80))).alarm()
			.alarmId();
		this.engine.onReading(BED_12, reading(1, Parameter.SYSTOLIC_BP, 120));
		String sameMillisecond = only(this.engine.onReading(BED_12, reading(1, Parameter.SYSTOLIC_BP, 80))).alarm()
			.alarmId();
		assertThat(List.of(first, second, other, sameMillisecond)).doesNotHaveDuplicates();
		assertThat(first).startsWith("systolic_bp_low.").hasSizeLessThanOrEqualTo(64);
	}

	@Test
	void listsActiveAlarmsHighestPriorityFirst() {
		this.engine.onStatus(BED_12, DeviceStatus.offline("ox-2"), T0);
		this.engine.onReading(BED_12, reading(5, Parameter.SYSTOLIC_BP, 80));
		feed(this.engine, Parameter.TEMPERATURE, 40, 6, 6);
		assertThat(this.engine.active(BED_12.patient())).extracting(Alarm::kind)
			.containsExactly("systolic_bp_low", "device_offline", "temperature_high");
		AlarmList list = this.engine.activeList(BED_12.patient(), at(10)).orElseThrow();
		assertThat(list.ward()).isEqualTo("ward-3");
		assertThat(list.bed()).isEqualTo("12");
		assertThat(list.updated()).isEqualTo(at(10));
		assertThat(list.alarms()).hasSize(3);
		assertThat(this.engine.activeList("p-unknown", at(10))).isEmpty();
		assertThat(this.engine.active("p-unknown")).isEmpty();
	}

	@Test
	void movesActiveAlarmsWithThePatientOnTransfer() {
		raiseSbp();
		PatientContext moved = new PatientContext(BED_12.patient(), "icu-1", "3");
		AlarmTransition resolved = only(this.engine.onReading(moved, reading(60, Parameter.SYSTOLIC_BP, 120)));
		assertThat(resolved.alarm().ward()).isEqualTo("icu-1");
		assertThat(resolved.alarm().bed()).isEqualTo("3");
	}

	@Test
	void relabelsTheActiveListOnTransfer() {
		raiseSbp();
		PatientContext moved = new PatientContext(BED_12.patient(), "icu-1", "3");
		this.engine.assign(moved, MONITOR, at(1));
		AlarmList list = this.engine.activeList(BED_12.patient(), at(2)).orElseThrow();
		assertThat(list.ward()).isEqualTo("icu-1");
		assertThat(list.alarms()).allSatisfy((alarm) -> assertThat(alarm.bed()).isEqualTo("3"));
	}

	@Test
	void resolvesEverythingOnDischarge() {
		raiseSbp();
		this.engine.onStatus(BED_12, DeviceStatus.offline(MONITOR), at(1));
		List<AlarmTransition> transitions = this.engine.discharge(BED_12.patient(), at(100));
		assertThat(describe(transitions)).containsExactly("systolic_bp_low HIGH RESOLVED @100",
				"device_offline MEDIUM RESOLVED @100");
		assertThat(this.engine.active(BED_12.patient())).isEmpty();
		assertThat(this.engine.discharge(BED_12.patient(), at(101))).isEmpty();
	}

	@Test
	void comparesContextsByPatientWardAndBed() {
		PatientContext same = new PatientContext(BED_12.patient(), BED_12.ward(), BED_12.bed());
		assertThat(same).isEqualTo(BED_12).hasSameHashCodeAs(BED_12);
		assertThat(new PatientContext("p-1043", BED_12.ward(), BED_12.bed())).isNotEqualTo(BED_12);
		assertThat(new PatientContext(BED_12.patient(), "icu-1", BED_12.bed())).isNotEqualTo(BED_12);
		assertThat(new PatientContext(BED_12.patient(), BED_12.ward(), "13")).isNotEqualTo(BED_12);
		assertThat(BED_12).isNotEqualTo(null).isNotEqualTo(BED_12.patient());
	}

	@Test
	void refusesUnassignedPatients() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PatientContext("unassigned", "ward-3", "12"));
	}

	private Alarm raiseSbp() {
		return only(this.engine.onReading(BED_12, reading(0, Parameter.SYSTOLIC_BP, 80))).alarm();
	}

}
