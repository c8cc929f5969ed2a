package care.vitals.ingest.api;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import care.vitals.ingest.clinical.AckRelay;
import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.clinical.Outcome;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmState;
import care.vitals.web.NotFound;
import care.vitals.web.Unavailable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Active alarms, and acknowledging them: the acknowledging user is the authenticated one,
 * and the transition is written to {@code alarms} and {@code activity}.
 */
@RestController
@RequestMapping("/api/alarms")
class AlarmController {

	/** How long a standby waits to see the owner's list carry an acknowledgement. */
	static final Duration RELAYED_ACK_TIMEOUT = Duration.ofSeconds(5);

	private final ClinicalEngine engine;

	private final ClinicalRecorder recorder;

	private final ClinicalOutput output;

	private final ObjectProvider<AckRelay> relay;

	AlarmController(ClinicalEngine engine, ClinicalRecorder recorder, ClinicalOutput output,
			ObjectProvider<AckRelay> relay) {
		this.engine = engine;
		this.recorder = recorder;
		this.output = output;
		this.relay = relay;
	}

	@GetMapping
	List<Alarm> active(@RequestParam(required = false) String ward, @RequestParam(required = false) String patient) {
		List<Alarm> alarms = (patient != null) ? this.engine.active(patient) : this.engine.active();
		return alarms.stream().filter((alarm) -> ward == null || ward.equals(alarm.ward())).toList();
	}

	/**
	 * Acknowledges an active alarm as the authenticated user. On the owner of the
	 * clinical output it is applied here; on a standby it is passed to the owner, and
	 * answered once the owner's bed list carries it back (503 if it does not within
	 * {@link #RELAYED_ACK_TIMEOUT}: acknowledging again is safe).
	 */
	@PostMapping("/{alarmId}/acknowledge")
	Alarm acknowledge(@PathVariable String alarmId, Principal actor) {
		Alarm alarm = find(alarmId).orElseThrow(() -> new NotFound("no active alarm " + alarmId));
		if (alarm.state() == AlarmState.ACKNOWLEDGED) {
			// idempotent: acknowledged already, by whoever did first; nothing is logged
			// again
			return alarm;
		}
		String message = "acknowledged " + alarm.kind() + " alarm " + alarmId;
		if (!this.output.owns()) {
			Alarm acknowledged = relayed(alarm, actor.getName());
			this.recorder.record("acknowledge", actor.getName(), alarm.patient(), alarm.ward(), message);
			return acknowledged;
		}
		Outcome outcome = this.engine.acknowledge(alarmId, actor.getName())
			.orElseThrow(() -> new NotFound("no active alarm " + alarmId));
		if (!outcome.transitions().isEmpty()) {
			this.recorder.record("acknowledge", actor.getName(), alarm.patient(), alarm.ward(), message, outcome);
		}
		return find(alarmId).orElse(alarm);
	}

	private Alarm relayed(Alarm alarm, String user) {
		AckRelay relay = this.relay.getIfAvailable();
		if (relay == null) {
			throw new Unavailable("This instance does not own the clinical output and cannot reach its owner.", null);
		}
		try {
			relay.forward(alarm.alarmId(), user);
		}
		catch (RuntimeException ex) {
			throw new Unavailable("The acknowledgement could not be passed to the clinical owner; try again.", ex);
		}
		long deadline = System.nanoTime() + RELAYED_ACK_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<Alarm> now = find(alarm.alarmId());
			if (now.isEmpty() || now.get().state() == AlarmState.ACKNOWLEDGED) {
				return now.orElse(alarm);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new Unavailable(
				"The clinical owner did not confirm the acknowledgement within " + RELAYED_ACK_TIMEOUT.toSeconds()
						+ " s; check the alarm, then try again (acknowledging twice is safe).",
				null);
	}

	private Optional<Alarm> find(String alarmId) {
		return this.engine.active().stream().filter((a) -> a.alarmId().equals(alarmId)).findFirst();
	}

}
