package care.vitals.model.alarm;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;
import care.vitals.model.parameter.Parameter;

/**
 * Everything the engine keeps about one patient.
 */
final class PatientState {

	final String patient;

	/** Where the patient is; {@code null} until an input named it. */
	PatientContext context;

	final Map<Parameter, ThresholdRule> overrides = new EnumMap<>(Parameter.class);

	/**
	 * The limit trackers and what they hold confirmed, by source device: each source runs
	 * its own delay and hysteresis, so two devices never reset each other.
	 */
	final Map<String, SourceLimits> sources = new HashMap<>();

	final SourceAgreement agreement = new SourceAgreement();

	final Map<String, DeviceState> devices = new TreeMap<>();

	/** Active alarms by condition key, in raise order. */
	final Map<String, ActiveAlarm> active = new LinkedHashMap<>();

	/** The last id issued per condition key, to keep ids unique per episode. */
	final Map<String, String> lastIds = new HashMap<>();

	Instant lastScoreAt;

	/** The latest NEWS2 score (the alarm's text follows it). */
	News2Score lastScore;

	/** The NEWS2 risk bands of the hold period, oldest first (the episode's window). */
	final Deque<News2Band> news2Bands = new ArrayDeque<>();

	/**
	 * The NEWS2 total when the patient's NEWS2 alarm was acknowledged, or {@code null}: a
	 * rise by {@link News2Alarms#REALERT_RISE} re-alerts.
	 */
	Double news2AcknowledgedTotal;

	/**
	 * The highest NEWS2 total of the current episode while raised (re-alert reference).
	 */
	Double news2EpisodeWorst;

	/** The worst NEWS2 band of the current episode while raised (re-alert reference). */
	News2Risk news2EpisodeWorstRisk;

	/**
	 * The band a nurse acknowledged: the worst of the episode before the acknowledgement.
	 */
	News2Risk news2AcknowledgedRisk;

	/**
	 * A NEWS2 risk band seen at a time.
	 *
	 * @param at when
	 * @param risk the band
	 */
	record News2Band(Instant at, News2Risk risk) {
	}

	PatientState(String patient) {
		this.patient = patient;
	}

	DeviceState device(String deviceId) {
		return this.devices.computeIfAbsent(deviceId, DeviceState::new);
	}

	/** A source's limit trackers and assertions, created if the source is new. */
	SourceLimits source(String device) {
		return this.sources.computeIfAbsent(device, (key) -> new SourceLimits());
	}

	/** Forgets a device's trackers and assertions (it left the patient). */
	void forget(String device) {
		this.sources.remove(device);
		this.agreement.forget(device);
	}

	/**
	 * One source's limit trackers and the limits they hold confirmed, by limit slot (a
	 * parameter and a side, {@link LimitAlarms#slot}): two arrays instead of a map per
	 * alarm kind (a ward of 2,000 patients held ~3 KB of maps each for one monitor).
	 */
	static final class SourceLimits {

		private static final int SLOTS = Parameter.values().length * LimitTracker.Side.BOTH.size();

		private final LimitTracker[] trackers = new LimitTracker[SLOTS];

		/** {@code null} until this source confirms a limit (most never do). */
		private Assertion[] assertions;

		/** The tracker of a slot, created on first use. */
		LimitTracker tracker(int slot) {
			LimitTracker tracker = this.trackers[slot];
			if (tracker == null) {
				tracker = new LimitTracker();
				this.trackers[slot] = tracker;
			}
			return tracker;
		}

		/** The tracker of a slot, or {@code null} if it never ran. */
		LimitTracker existingTracker(int slot) {
			return this.trackers[slot];
		}

		/** What this source holds confirmed in a slot, or {@code null}. */
		Assertion assertion(int slot) {
			return (this.assertions != null) ? this.assertions[slot] : null;
		}

		/** Holds a confirmed limit in a slot, or nothing ({@code null}). */
		void hold(int slot, Assertion assertion) {
			if (this.assertions == null) {
				if (assertion == null) {
					return;
				}
				this.assertions = new Assertion[SLOTS];
			}
			this.assertions[slot] = assertion;
		}

	}

	/**
	 * A limit one source's values confirmed: the tier and the source's latest value.
	 */
	record Assertion(String device, LimitTracker.Tier tier, double value) {

	}

	/**
	 * An active alarm with the instant it was raised.
	 */
	static final class ActiveAlarm {

		final String key;

		final Instant raisedAt;

		Alarm alarm;

		ActiveAlarm(String key, Alarm alarm) {
			this.key = key;
			this.raisedAt = alarm.since();
			this.alarm = alarm;
		}

	}

}
