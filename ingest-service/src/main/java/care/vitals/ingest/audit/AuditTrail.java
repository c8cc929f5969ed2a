package care.vitals.ingest.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import care.vitals.ingest.storage.InfluxQlReader;

import org.springframework.stereotype.Component;

/**
 * A patient's audit trail, newest first: every {@code activity} record (admission,
 * transfer, discharge, observations, acknowledgements, SpO2 scale, limit changes, each
 * with its user) and every alarm transition the engine made by itself (raised,
 * re-alerted, escalated, ended; an indication "limit changed" ending, e.g. at its
 * expiry), read from InfluxDB. Read from the database, not kept in memory: every
 * instance, and an instance just restarted, shows the same trail, including actions taken
 * on another instance. An acknowledgement is the activity record (it names the user); the
 * alarm line of the same acknowledgement is left out, and so are the engine's periodic
 * restatements of an active alarm.
 */
@Component
public class AuditTrail {

	/** The most entries one read returns. */
	public static final int MAX_ENTRIES = 500;

	/** The longest look-back of one read. */
	public static final Duration MAX_LOOK_BACK = Duration.ofDays(7);

	private final InfluxQlReader reader;

	AuditTrail(InfluxQlReader reader) {
		this.reader = reader;
	}

	/**
	 * The patient's trail.
	 * @param patient the patient (a valid id)
	 * @param lookBack how far back, at most {@link #MAX_LOOK_BACK}
	 * @param entries how many entries at most, at most {@link #MAX_ENTRIES}
	 * @return the entries, newest first
	 * @throws InfluxQlReader.ReadFailed when the database cannot be read
	 */
	public List<AuditEntry> of(String patient, Duration lookBack, int entries) {
		long seconds = Math.min(lookBack.toSeconds(), MAX_LOOK_BACK.toSeconds());
		int limit = Math.max(1, Math.min(entries, MAX_ENTRIES));
		String where = " WHERE \"patient\" = " + InfluxQlReader.literal(patient) + " AND time > now() - " + seconds
				+ "s";
		List<Map<String, Object>> activity = this.reader
			.select("SELECT \"actor\", \"kind\", \"message\" FROM \"activity\"" + where + " ORDER BY time DESC LIMIT "
					+ limit);
		List<Map<String, Object>> alarms = this.reader.select(
				"SELECT \"state\", \"priority\", \"kind\", \"message\", \"alarm_id\", \"escalation\", \"escalated\","
						+ " \"actor\" FROM \"alarms\"" + where + " AND (\"restated\" = false OR \"escalated\" = true)"
						+ " ORDER BY time DESC LIMIT " + limit);
		Map<String, Map<String, Object>> alarmById = new HashMap<>();
		for (Map<String, Object> alarm : alarms) {
			alarmById.putIfAbsent(text(alarm, "alarm_id"), alarm);
		}
		List<AuditEntry> trail = new ArrayList<>();
		for (Map<String, Object> row : activity) {
			trail.add(new AuditEntry(time(row), text(row, "actor"), text(row, "kind"),
					AuditText.activity(text(row, "kind"), text(row, "message"), alarmById)));
		}
		for (Map<String, Object> row : alarms) {
			if ("acknowledged".equals(text(row, "state")) && !Boolean.TRUE.equals(row.get("escalated"))) {
				continue; // the activity record of the acknowledgement names the user
			}
			trail.add(new AuditEntry(time(row), "system", "alarm", AuditText.alarm(row)));
		}
		trail.sort(Comparator.comparing(AuditEntry::at).reversed());
		return List.copyOf(trail.subList(0, Math.min(limit, trail.size())));
	}

	private static Instant time(Map<String, Object> row) {
		return Instant.ofEpochMilli(((Number) row.get("time")).longValue());
	}

	static String text(Map<String, Object> row, String column) {
		Object value = row.get(column);
		return (value != null) ? value.toString() : "";
	}

}
