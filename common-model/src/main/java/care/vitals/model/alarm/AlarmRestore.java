package care.vitals.model.alarm;

/**
 * Continuity of alarms across processes: restoring the alarms a bed's retained list held
 * before a restart (CLINICAL.md, principle 4), and adopting the identity of the alarms
 * the owner of the clinical output published (docs/scaling.md). Each alarm is held under
 * the condition key of the family that can end it. Not synchronized: the
 * {@link AlarmEngine} calls it under its own lock.
 */
final class AlarmRestore {

	private final Patients patients;

	private final ActiveAlarms alarms;

	private final LimitAlarms limits;

	private final DeviceAlarms devices;

	AlarmRestore(Patients patients, ActiveAlarms alarms, LimitAlarms limits, DeviceAlarms devices) {
		this.patients = patients;
		this.alarms = alarms;
		this.limits = limits;
		this.devices = devices;
	}

	/** See {@link AlarmEngine#restore}. */
	boolean restore(Alarm alarm) {
		if (alarm.state() == AlarmState.RESOLVED || this.alarms.hasId(alarm.alarmId())) {
			return false;
		}
		PatientState state = this.patients.at(new PatientContext(alarm.patient(), alarm.ward(), alarm.bed()));
		String key = restoreKey(state, alarm);
		if (key == null || this.alarms.isActive(state, key)) {
			return false;
		}
		this.alarms.restore(state, key, alarm);
		return true;
	}

	/** See {@link AlarmEngine#adopt}. */
	boolean adopt(Alarm published) {
		PatientState state = this.patients.get(published.patient());
		if (published.state() == AlarmState.RESOLVED || state == null) {
			return false;
		}
		return this.alarms.adopt(state, published);
	}

	/**
	 * The condition key of a restored alarm in the family that holds it; {@code null} if
	 * the engine cannot hold it.
	 */
	private String restoreKey(PatientState state, Alarm alarm) {
		String kind = alarm.kind();
		if (News2Alarms.holds(kind)) {
			return News2Alarms.KEY;
		}
		if (AlarmKinds.SOURCES_DISAGREE.equals(kind)) {
			return LimitAlarms.restoreDisagreement(alarm);
		}
		if (AlarmKinds.LIMIT_CHANGED.equals(kind)) {
			return LimitIndications.restoreKey(alarm);
		}
		if (alarm.device() == null) {
			return null;
		}
		if (LimitAlarms.holds(kind)) {
			return this.limits.restore(state, alarm);
		}
		return this.devices.restore(state, alarm);
	}

}
