package care.vitals.ingest.api;

import java.security.Principal;
import java.util.List;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.model.alarm.Alarm;
import care.vitals.web.NotFound;

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

	private final ClinicalEngine engine;

	private final ClinicalRecorder recorder;

	AlarmController(ClinicalEngine engine, ClinicalRecorder recorder) {
		this.engine = engine;
		this.recorder = recorder;
	}

	@GetMapping
	List<Alarm> active(@RequestParam(required = false) String ward, @RequestParam(required = false) String patient) {
		List<Alarm> alarms = (patient != null) ? this.engine.active(patient) : this.engine.active();
		return alarms.stream().filter((alarm) -> ward == null || ward.equals(alarm.ward())).toList();
	}

	@PostMapping("/{alarmId}/acknowledge")
	Alarm acknowledge(@PathVariable String alarmId, Principal actor) {
		Alarm alarm = this.engine.active()
			.stream()
			.filter((a) -> a.alarmId().equals(alarmId))
			.findFirst()
			.orElseThrow(() -> new NotFound("no active alarm " + alarmId));
		List<String> lines = this.engine.acknowledge(alarmId, actor.getName())
			.orElseThrow(() -> new NotFound("no active alarm " + alarmId));
		this.recorder.record("acknowledge", actor.getName(), alarm.patient(), alarm.ward(),
				"acknowledged " + alarm.kind() + " alarm " + alarmId, lines);
		return this.engine.active(alarm.patient())
			.stream()
			.filter((a) -> a.alarmId().equals(alarmId))
			.findFirst()
			.orElse(alarm);
	}

}
