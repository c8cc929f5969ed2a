package care.vitals.ingest.audit;

import java.time.Duration;
import java.util.List;

import care.vitals.ingest.storage.InfluxQlReader;
import care.vitals.model.id.Identifiers;
import care.vitals.web.InvalidRequest;
import care.vitals.web.Unavailable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A patient's audit trail for integrations: who did what and when, newest first, as the
 * bed page shows it. 503 when the database cannot be read (the trail is never guessed).
 */
@RestController
class ActivityController {

	private final AuditTrail trail;

	ActivityController(AuditTrail trail) {
		this.trail = trail;
	}

	/**
	 * The patient's audit trail.
	 * @param patient the patient pseudonym
	 * @param hours how far back (1 to 168, default 24)
	 * @param limit the most entries (1 to 500, default 100)
	 * @return the entries, newest first
	 */
	@GetMapping("/api/patients/{patient}/activity")
	List<AuditEntry> activity(@PathVariable String patient, @RequestParam(defaultValue = "24") int hours,
			@RequestParam(defaultValue = "100") int limit) {
		if (!Identifiers.isValid(patient)) {
			throw new InvalidRequest("not a patient id: " + patient);
		}
		if (hours < 1 || hours > AuditTrail.MAX_LOOK_BACK.toHours()) {
			throw new InvalidRequest("hours must be between 1 and " + AuditTrail.MAX_LOOK_BACK.toHours());
		}
		if (limit < 1 || limit > AuditTrail.MAX_ENTRIES) {
			throw new InvalidRequest("limit must be between 1 and " + AuditTrail.MAX_ENTRIES);
		}
		try {
			return this.trail.of(patient, Duration.ofHours(hours), limit);
		}
		catch (InfluxQlReader.ReadFailed ex) {
			throw new Unavailable("The audit trail cannot be read: " + ex.getMessage(), ex);
		}
	}

}
