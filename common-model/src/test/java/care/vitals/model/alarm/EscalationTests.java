package care.vitals.model.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import care.vitals.model.codec.AlarmListCodec;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.Outcome;
import care.vitals.model.parameter.Parameter;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.T0;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static care.vitals.model.alarm.AlarmFixtures.engine;
import static care.vitals.model.alarm.AlarmFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies escalation of unacknowledged alarms ({@link Escalation}): a high-priority
 * alarm nobody acknowledges goes to the nurse in charge after 2 minutes and to the
 * response team after 5, once each; an acknowledgement stops it and keeps the episode's
 * {@code since}; a re-alert starts the count again.
 */
class EscalationTests {

	private final AlarmEngine engine = engine();

	@Test
	void levelsFollowThePriorityTable() {
		assertThat(Escalation.defaults().level(AlarmPriority.HIGH, Duration.ofSeconds(119))).isZero();
		assertThat(Escalation.defaults().level(AlarmPriority.HIGH, Duration.ofMinutes(2))).isEqualTo(1);
		assertThat(Escalation.defaults().level(AlarmPriority.HIGH, Duration.ofMinutes(5))).isEqualTo(2);
		assertThat(Escalation.defaults().level(AlarmPriority.MEDIUM, Duration.ofMinutes(9))).isZero();
		assertThat(Escalation.defaults().level(AlarmPriority.MEDIUM, Duration.ofMinutes(10))).isEqualTo(1);
		assertThat(Escalation.defaults().level(AlarmPriority.MEDIUM, Duration.ofMinutes(30))).isEqualTo(2);
		assertThat(Escalation.defaults().level(AlarmPriority.LOW, Duration.ofHours(5))).isEqualTo(1);
	}

	@Test
	void anUnacknowledgedHighAlarmEscalatesOncePerLevelAndAnAcknowledgementStopsIt() {
		Alarm raised = desaturate();
		List<AlarmTransition> transitions = new ArrayList<>();
		for (int s = 20; s <= 15 + 600; s += 5) {
			this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 80));
			transitions.addAll(this.engine.tick(at(s)));
		}
		assertThat(describe(transitions)).containsExactly("spo2_low HIGH RAISED escalated 1",
				"spo2_low HIGH RAISED escalated 2");
		Alarm escalated = this.engine.active(BED_12.patient()).get(0);
		assertThat(escalated.escalation()).isEqualTo(2);
		assertThat(escalated.since()).isEqualTo(raised.since()).isEqualTo(at(15));

		AckOutcome ack = this.engine.acknowledge(escalated.alarmId(), "nurse.jones", at(700));
		Alarm acknowledged = ((AckOutcome.Acknowledged) ack).transitions().get(0).alarm();
		assertThat(acknowledged.escalation()).isZero();
		assertThat(acknowledged.since()).isEqualTo(at(15));
		assertThat(acknowledged.ts()).isEqualTo(at(700));
		assertThat(this.engine.tick(at(2000))).noneMatch(AlarmTransition::escalated);
	}

	@Test
	void theBedListCarriesSinceStateTimeAndEscalation() {
		desaturate();
		this.engine.tick(at(15 + 130));
		Alarm escalated = this.engine.active(BED_12.patient()).get(0);
		this.engine.acknowledge(escalated.alarmId(), "nurse.jones", at(200));
		AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());
		AlarmList list = this.engine.activeList(BED_12.patient(), at(201)).orElseThrow();
		AlarmList decoded = ((Outcome.Ok<AlarmList>) codec.decode(codec.encode(list))).value();
		Alarm back = decoded.alarms().get(0);
		assertThat(back.since()).isEqualTo(at(15));
		assertThat(back.ts()).isEqualTo(at(200));
		assertThat(back.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
		assertThat(back.escalation()).isZero();

		AlarmList escalatedList = new AlarmList(BED_12.ward(), BED_12.bed(), at(300), List.of(escalated));
		Alarm again = ((Outcome.Ok<AlarmList>) codec.decode(codec.encode(escalatedList))).value().alarms().get(0);
		assertThat(again.escalation()).isEqualTo(1);
		assertThat(again.since()).isEqualTo(again.ts()).isEqualTo(at(15));
	}

	@Test
	void aReAlertStartsTheCountAgain() {
		this.engine.assign(BED_12, MONITOR, T0);
		List<AlarmTransition> raised = new ArrayList<>();
		for (int s = 0; s < 30; s++) {
			raised.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 88)));
		}
		Alarm medium = raised.get(0).alarm();
		assertThat(medium.priority()).isEqualTo(AlarmPriority.MEDIUM);
		this.engine.acknowledge(medium.alarmId(), "nurse.jones", at(40));
		List<AlarmTransition> worse = new ArrayList<>();
		for (int s = 40; s < 80; s++) {
			worse.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 80)));
		}
		Alarm realerted = this.engine.active(BED_12.patient())
			.stream()
			.filter((a) -> a.state() == AlarmState.RAISED)
			.findFirst()
			.orElseThrow();
		assertThat(this.engine.tick(realerted.ts().plusSeconds(119))).noneMatch(AlarmTransition::escalated);
		assertThat(describe(this.engine.tick(realerted.ts().plusSeconds(120))))
			.contains("spo2_low HIGH RAISED escalated 1");
	}

	private Alarm desaturate() {
		this.engine.assign(BED_12, MONITOR, T0);
		List<AlarmTransition> transitions = new ArrayList<>();
		for (int s = 0; s < 20; s++) {
			transitions.addAll(this.engine.onReading(BED_12, reading(s, Parameter.SPO2, 80)));
		}
		assertThat(describe(transitions)).containsExactly("spo2_low HIGH RAISED @15");
		return transitions.get(0).alarm();
	}

}
