package care.vitals.model.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.id.Identifiers;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;

/**
 * The clinical settings of one patient: the prescribed NEWS2 SpO2 scale and the threshold
 * rules that replace the defaults for some parameters, with who changed them last and
 * when. Published retained on {@code patients/{patient}/settings}; every ingest instance
 * applies them, also after a restart.
 * <p>
 * Every change increments the revision, so an instance can tell its own change from the
 * older echo of a previous one. Delays are at most {@link #MAX_DELAY}.
 *
 * @param patient the patient, a valid identifier
 * @param revision 0 for the defaults, incremented by every change
 * @param scale the prescribed SpO2 scale
 * @param thresholds the overriding rule per parameter (each keyed by its own parameter);
 * copied, unmodifiable
 * @param updatedBy the user who made the last change, 1-128 characters
 * @param updatedAt when the last change was made
 * @param expiries when an override ends by itself (its default applies again), per
 * overridden parameter; a parameter without one lasts until changed or discharged;
 * copied, unmodifiable
 */
public record PatientSettings(String patient, long revision, SpO2Scale scale, Map<Parameter, ThresholdRule> thresholds,
		String updatedBy, Instant updatedAt, Map<Parameter, Instant> expiries) {

	/** The longest alarm delay or clear delay a setting may have: one day. */
	public static final Duration MAX_DELAY = Duration.ofDays(1);

	/**
	 * Validates the settings.
	 * @throws IllegalArgumentException if the patient id or user is invalid, or a rule is
	 * keyed by another parameter than its own
	 */
	public PatientSettings {
		Identifiers.requireValid(patient, "patient");
		if (revision < 0) {
			throw new IllegalArgumentException("revision must not be negative");
		}
		Objects.requireNonNull(scale, "scale");
		Objects.requireNonNull(updatedAt, "updatedAt");
		if (updatedBy == null || updatedBy.isEmpty() || updatedBy.length() > 128) {
			throw new IllegalArgumentException("updatedBy must be 1-128 characters");
		}
		EnumMap<Parameter, ThresholdRule> copy = new EnumMap<>(Parameter.class);
		thresholds.forEach((parameter, rule) -> {
			if (rule.parameter() != parameter) {
				throw new IllegalArgumentException(
						"the rule for " + parameter.canonicalName() + " is for " + rule.parameter().canonicalName());
			}
			if (rule.delay().compareTo(MAX_DELAY) > 0 || rule.clearDelay().compareTo(MAX_DELAY) > 0) {
				throw new IllegalArgumentException(
						"delays of " + parameter.canonicalName() + " must be at most one day");
			}
			copy.put(parameter, rule);
		});
		thresholds = Collections.unmodifiableMap(copy);
		EnumMap<Parameter, Instant> ends = new EnumMap<>(Parameter.class);
		Objects.requireNonNull(expiries, "expiries").forEach((parameter, end) -> {
			if (!copy.containsKey(parameter)) {
				throw new IllegalArgumentException(
						"an expiry for " + parameter.canonicalName() + ", whose default is in force");
			}
			ends.put(parameter, Objects.requireNonNull(end, "expiry"));
		});
		expiries = Collections.unmodifiableMap(ends);
	}

	/** Settings without expiries. */
	public PatientSettings(String patient, long revision, SpO2Scale scale, Map<Parameter, ThresholdRule> thresholds,
			String updatedBy, Instant updatedAt) {
		this(patient, revision, scale, thresholds, updatedBy, updatedAt, Map.of());
	}

	/**
	 * Returns the overridden parameters whose expiry has come.
	 * @param now the time
	 * @return the parameters, empty if none
	 */
	public List<Parameter> expired(Instant now) {
		return this.expiries.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().isAfter(now))
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * The settings every patient starts with: scale 1 and the default thresholds.
	 * @param patient the patient
	 * @param at when
	 * @return the default settings, attributed to {@code system}
	 */
	public static PatientSettings defaults(String patient, Instant at) {
		return new PatientSettings(patient, 0, SpO2Scale.SCALE_1, Map.of(), "system", at);
	}

	/**
	 * Returns these settings with another SpO2 scale.
	 * @param newScale the prescribed scale
	 * @param user who prescribed it
	 * @param at when
	 * @return the changed settings
	 */
	public PatientSettings withScale(SpO2Scale newScale, String user, Instant at) {
		return new PatientSettings(this.patient, this.revision + 1, newScale, this.thresholds, user, at, this.expiries);
	}

	/**
	 * Returns these settings with a rule overriding the default of its parameter.
	 * @param rule the rule
	 * @param user who set it
	 * @param at when
	 * @return the changed settings
	 */
	public PatientSettings withThreshold(ThresholdRule rule, String user, Instant at) {
		return withThreshold(rule, null, user, at);
	}

	/**
	 * Returns these settings with a rule overriding the default of its parameter until a
	 * time.
	 * @param rule the rule
	 * @param expiresAt when the default applies again, or {@code null} for no end
	 * @param user who set it
	 * @param at when
	 * @return the changed settings
	 */
	public PatientSettings withThreshold(ThresholdRule rule, Instant expiresAt, String user, Instant at) {
		EnumMap<Parameter, ThresholdRule> changed = new EnumMap<>(Parameter.class);
		changed.putAll(this.thresholds);
		changed.put(rule.parameter(), rule);
		EnumMap<Parameter, Instant> ends = new EnumMap<>(Parameter.class);
		ends.putAll(this.expiries);
		ends.remove(rule.parameter());
		if (expiresAt != null) {
			ends.put(rule.parameter(), expiresAt);
		}
		return new PatientSettings(this.patient, this.revision + 1, this.scale, changed, user, at, ends);
	}

	/**
	 * Returns these settings without an override for a parameter (its default applies).
	 * @param parameter the parameter
	 * @param user who cleared it
	 * @param at when
	 * @return the changed settings
	 */
	public PatientSettings withoutThreshold(Parameter parameter, String user, Instant at) {
		EnumMap<Parameter, ThresholdRule> changed = new EnumMap<>(Parameter.class);
		changed.putAll(this.thresholds);
		changed.remove(parameter);
		EnumMap<Parameter, Instant> ends = new EnumMap<>(Parameter.class);
		ends.putAll(this.expiries);
		ends.remove(parameter);
		return new PatientSettings(this.patient, this.revision + 1, this.scale, changed, user, at, ends);
	}

}
