package care.vitals.ingest.clinical;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmRules;
import care.vitals.model.alarm.Escalation;
import care.vitals.model.alarm.TechnicalRules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * The clinical engine's settings. Alarm limits, delays and freshness windows are the
 * documented defaults of {@code AlarmRules} and {@code FreshnessWindows}
 * (docs/clinical.md), changed per patient through the admin API.
 *
 * @param enabled whether NEWS2 and alarms are computed
 * @param tick how often delays and no-data timeouts are evaluated
 * @param republish how often the retained alarm state of every occupied bed is
 * republished and active alarms rewritten (so dashboards with short look-backs still see
 * them)
 * @param clockTolerance how far a device's clock may be off before its times are
 * corrected and {@code clock_skew} is raised (docs/clinical.md, "Time")
 * @param clockWindow how long an offset beyond tolerance must be seen before it counts
 * @param noDataTimeout how long an assigned, online device may send nothing before its
 * bed gets {@code no_data} (docs/clinical.md; 60 s unless set, between 10 s and 10 min)
 * @param escalation after how long unacknowledged alarms of each priority escalate to the
 * nurse in charge and then the response team (docs/clinical.md, "Escalation"); unset: the
 * documented defaults of {@code Escalation}
 */
@ConfigurationProperties("ingest.clinical")
public record ClinicalProperties(boolean enabled, Duration tick, Duration republish, Duration clockTolerance,
		Duration clockWindow, Duration noDataTimeout, EscalationTimes escalation) {

	/**
	 * Escalation times per priority, level 1 first (at most two each).
	 *
	 * @param high times of high-priority alarms
	 * @param medium times of medium-priority alarms
	 * @param low times of low-priority alarms
	 */
	public record EscalationTimes(List<Duration> high, List<Duration> medium, List<Duration> low) {

		/** The engine's schedule: these times, the defaults for a priority left unset. */
		public Escalation toEscalation() {
			Map<AlarmPriority, List<Duration>> defaults = Escalation.defaults().after();
			Map<AlarmPriority, List<Duration>> times = new EnumMap<>(AlarmPriority.class);
			times.put(AlarmPriority.HIGH, (this.high != null) ? this.high : defaults.get(AlarmPriority.HIGH));
			times.put(AlarmPriority.MEDIUM, (this.medium != null) ? this.medium : defaults.get(AlarmPriority.MEDIUM));
			times.put(AlarmPriority.LOW, (this.low != null) ? this.low : defaults.get(AlarmPriority.LOW));
			return new Escalation(times);
		}

	}

	/** The escalation schedule in force. */
	public Escalation escalationSchedule() {
		return (this.escalation != null) ? this.escalation.toEscalation() : Escalation.defaults();
	}

	/** The risk table in force: the documented defaults with this no-data timeout. */
	public AlarmRules alarmRules() {
		AlarmRules defaults = AlarmRules.defaults();
		return defaults.with(defaults.technical().withNoDataTimeout(this.noDataTimeout));
	}

	public ClinicalProperties {
		Assert.notNull(tick, "ingest.clinical.tick is required");
		Assert.notNull(republish, "ingest.clinical.republish is required");
		if (clockTolerance == null) {
			clockTolerance = Duration.ofSeconds(30);
		}
		Assert.isTrue(
				clockTolerance.compareTo(Duration.ofSeconds(1)) >= 0
						&& clockTolerance.compareTo(Duration.ofMinutes(5)) < 0,
				"ingest.clinical.clock-tolerance must be between 1 s and 5 min, not " + clockTolerance);
		if (clockWindow == null) {
			clockWindow = Duration.ofMinutes(2);
		}
		Assert.isTrue(
				clockWindow.compareTo(Duration.ofSeconds(4)) >= 0 && clockWindow.compareTo(Duration.ofMinutes(30)) <= 0,
				"ingest.clinical.clock-window must be between 4 s and 30 min, not " + clockWindow);
		if (noDataTimeout == null) {
			noDataTimeout = TechnicalRules.defaults().noDataTimeout();
		}
		Assert.isTrue(
				noDataTimeout.compareTo(Duration.ofSeconds(10)) >= 0
						&& noDataTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
				"ingest.clinical.no-data-timeout must be between 10 s and 10 min, not " + noDataTimeout);
	}

}
