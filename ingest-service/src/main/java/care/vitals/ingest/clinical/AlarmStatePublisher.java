package care.vitals.ingest.clinical;

import care.vitals.model.alarm.AlarmList;

/**
 * Publishes the current alarm list of a bed (retained, for bedside and nurse-call
 * displays).
 */
@FunctionalInterface
public interface AlarmStatePublisher {

	void publish(AlarmList list);

}
