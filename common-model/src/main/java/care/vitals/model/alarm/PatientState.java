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
	 * Limit trackers by alarm kind ({@code spo2_low}, ...) and source device: each source
	 * runs its own delay and hysteresis, so two devices never reset each other.
	 */
	final Map<String, Map<String, LimitTracker>> trackers = new HashMap<>();

	/** What each source's tracker holds confirmed, by alarm kind and device. */
	final Map<String, Map<String, Assertion>> assertions = new HashMap<>();

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

	LimitTracker tracker(String kind, String device) {
		return this.trackers.computeIfAbsent(kind, (key) -> new HashMap<>())
			.computeIfAbsent(device, (key) -> new LimitTracker());
	}

	/** Forgets a device's trackers and assertions (it left the patient). */
	void forget(String device) {
		this.trackers.values().forEach((byDevice) -> byDevice.remove(device));
		this.assertions.values().forEach((byDevice) -> byDevice.remove(device));
		this.agreement.forget(device);
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
