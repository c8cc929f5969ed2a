package care.vitals.ingest.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import care.vitals.ingest.clinical.AlarmStatePublisher;
import care.vitals.ingest.pipeline.BatchWriter;
import care.vitals.ingest.storage.ClinicalLines;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Restores the patient state at start (CLINICAL.md, principle 4): waits for the state
 * session's sync and restores the active alarms still true. If the state does not arrive
 * within {@code ingest.mqtt.state-sync-timeout}, the device session starts anyway (data
 * must flow), and this instance raises the technical alarm
 * {@value AlarmKinds#STATE_UNRESTORED} (high; stored in {@code alarms}, retained on
 * {@code alarms/ingest/<clientId>}), keeps waiting in the background (sending the marker
 * again every minute), restores late once the state arrives (alarms still true, never
 * clearing one it is unsure of) and then resolves the technical alarm.
 */
@Component
class StateRestore {

	private static final Log logger = LogFactory.getLog(StateRestore.class);

	/** The alarm list's ward: the alarm belongs to this ingest instance, not to a bed. */
	static final String WARD = "ingest";

	private final PatientStateSync sync;

	private final AlarmRestore restore;

	private final AlarmStatePublisher publisher;

	private final BatchWriter writer;

	private final MqttProperties properties;

	private final Clock clock;

	StateRestore(PatientStateSync sync, AlarmRestore restore, AlarmStatePublisher publisher, BatchWriter writer,
			MqttProperties properties, Clock clock) {
		this.sync = sync;
		this.restore = restore;
		this.publisher = publisher;
		this.writer = writer;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Waits for the patient state and restores it, or raises the technical alarm and goes
	 * on waiting in the background.
	 * @return whether the state was restored before returning
	 */
	boolean atStart() {
		if (this.sync.await(this.properties.stateSyncTimeout())) {
			this.restore.restore();
			return true;
		}
		logger.error("Patient state (assignments, settings, observations, alarms) not confirmed within "
				+ this.properties.stateSyncTimeout() + "; starting the device session anyway, technical alarm "
				+ AlarmKinds.STATE_UNRESTORED + " raised, restoring as soon as the state arrives");
		Alarm raised = raise();
		Thread waiter = new Thread(() -> late(raised), "state-restore");
		waiter.setDaemon(true);
		waiter.start();
		return false;
	}

	private void late(Alarm raised) {
		while (!this.sync.await(Duration.ofMinutes(1))) {
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			logger.error("Patient state still not restored; sending the marker again");
			this.sync.resend();
		}
		int restored = this.restore.restore();
		logger.warn("Patient state restored late: " + restored + " active alarm(s) restored; "
				+ AlarmKinds.STATE_UNRESTORED + " resolved");
		Alarm resolved = raised.moveTo(AlarmState.RESOLVED, Instant.now(this.clock));
		this.publisher.publish(new AlarmList(WARD, this.properties.clientId(), resolved.ts(), List.of()));
		store(resolved);
	}

	private Alarm raise() {
		Instant now = Instant.now(this.clock);
		String clientId = this.properties.clientId();
		Alarm alarm = new Alarm(AlarmKinds.STATE_UNRESTORED + "." + Long.toString(now.toEpochMilli(), 36), "unassigned",
				WARD, clientId, null, AlarmPriority.HIGH, AlarmKinds.STATE_UNRESTORED, AlarmState.RAISED,
				"Ingest " + clientId + " could not restore the patient state at start: alarms that were active may be "
						+ "missing from the beds until it is; check the broker",
				null, now);
		this.publisher.publish(new AlarmList(WARD, clientId, now, List.of(alarm)));
		store(alarm);
		return alarm;
	}

	private void store(Alarm alarm) {
		this.writer.store(List.of(ClinicalLines.alarm(alarm)));
	}

}
