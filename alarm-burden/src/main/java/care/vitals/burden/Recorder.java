package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import care.vitals.ingest.clinical.Outcome;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmState;
import care.vitals.model.alarm.AlarmTransition;

/**
 * Reads every outcome of the engine: new alarms, re-alerts and escalations in place are
 * alarm signals ({@link AlarmRecord}); {@code limit_changed} indications are counted
 * apart; resolutions are kept for the technical alarms' durations. Every new alarm and
 * re-alert is acknowledged after the nurses' response time.
 */
final class Recorder {

	private final BiConsumer<Duration, Runnable> later;

	private final Map<String, Integer> beds = new HashMap<>();

	private final List<AlarmRecord> alarms = new ArrayList<>();

	private final Map<String, Instant> resolved = new HashMap<>();

	private final Map<String, AlarmPriority> priorities = new HashMap<>();

	private final Map<String, Instant> dead = new LinkedHashMap<>();

	private int indications;

	private Nurses nurses;

	Recorder(BiConsumer<Duration, Runnable> later) {
		this.later = later;
	}

	void nurses(Nurses nurses) {
		this.nurses = nurses;
	}

	void patient(String patient, int bed) {
		this.beds.put(patient, bed);
	}

	void record(Outcome outcome) {
		for (AlarmTransition transition : outcome.transitions()) {
			record(transition);
		}
		if (this.nurses != null) {
			for (Outcome.Scored scored : outcome.scores()) {
				this.nurses.scored(scored.context().patient());
			}
		}
	}

	private void record(AlarmTransition transition) {
		Alarm alarm = transition.alarm();
		String id = alarm.alarmId();
		AlarmPriority before = this.priorities.put(id, alarm.priority());
		if (transition.raised()) {
			if (AlarmKinds.LIMIT_CHANGED.equals(alarm.kind())) {
				this.indications++;
				return;
			}
			signal(alarm, AlarmRecord.Step.RAISED);
		}
		else if (transition.realerted()) {
			signal(alarm, AlarmRecord.Step.REALERT);
		}
		else if (transition.updated() && before != null && alarm.priority().compareTo(before) < 0) {
			signal(alarm, AlarmRecord.Step.ESCALATION);
		}
		else if (alarm.state() == AlarmState.RESOLVED) {
			this.resolved.put(id, alarm.ts());
			this.priorities.remove(id);
		}
	}

	private void signal(Alarm alarm, AlarmRecord.Step step) {
		int bed = this.beds.get(alarm.patient());
		this.alarms.add(new AlarmRecord(alarm.alarmId(), bed, alarm.kind(), alarm.priority(), alarm.device(),
				alarm.ts(), step));
		if (step != AlarmRecord.Step.ESCALATION && this.nurses != null) {
			String id = alarm.alarmId();
			this.later.accept(WardRun.responseTime(alarm.priority()),
					() -> this.nurses.acknowledge(id, alarm.kind(), alarm.patient()));
		}
	}

	void dead(String device, Instant at) {
		this.dead.put(device, at);
	}

	List<AlarmRecord> alarms() {
		return List.copyOf(this.alarms);
	}

	Map<String, Instant> resolved() {
		return Map.copyOf(this.resolved);
	}

	int indications() {
		return this.indications;
	}

	Map<String, Instant> deadDevices() {
		return new LinkedHashMap<>(this.dead);
	}

}
