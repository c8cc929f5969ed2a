package care.vitals.ingest.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.ClinicalOutput;
import care.vitals.ingest.clinical.Outcome;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.AlarmListCodec;
import care.vitals.model.codec.DecodeLimits;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Restores the active alarms of every bed at start, from the bed lists' retained copies
 * (CLINICAL.md, principle 4). Lists are collected while the patient state session
 * synchronises (a persistent session may also deliver queued live copies before the
 * retained one: only a copy with the retained flag counts, the last one per bed), and
 * restored once the assignments are known: an alarm is restored only if its patient is in
 * that bed now and, for an alarm of a device, the device is still the patient's. So a
 * patient discharged or moved while the ingest was down leaves nothing behind, and every
 * collected bed's list is published again as it now is.
 */
@Component
class AlarmRestore {

	private static final Log logger = LogFactory.getLog(AlarmRestore.class);

	private final Map<String, AlarmList> retained = new LinkedHashMap<>();

	/** The latest list per bed since the state was synchronised. */
	private final Map<String, Latest> published = new LinkedHashMap<>();

	private final AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());

	private final ClinicalEngine clinical;

	private final ClinicalOutput output;

	private final AssignmentHistory history;

	AlarmRestore(ClinicalEngine clinical, ClinicalOutput output, AssignmentHistory history) {
		this.clinical = clinical;
		this.output = output;
		this.history = history;
	}

	/** A bed list arrived on the state session before it was synchronised. */
	synchronized void offer(String topic, AlarmList list, boolean retainedCopy) {
		if (retainedCopy) {
			this.retained.put(topic, list);
		}
	}

	/**
	 * Restores what is still true and republishes every collected bed's list; call once,
	 * when the patient state is synchronised.
	 * @return how many alarms were restored
	 */
	synchronized int restore() {
		int restored = 0;
		for (AlarmList list : this.retained.values()) {
			ClinicalEngine.Restored bed = this.clinical.restoreBed(stillTrue(list));
			this.output.lines(bed.outcome());
			restored += bed.alarms();
		}
		if (restored > 0) {
			logger.info("Restored " + restored + " active alarm(s) of " + this.retained.size() + " bed(s)");
		}
		this.retained.forEach((topic, list) -> this.published.put(topic, new Latest(list, null)));
		this.retained.clear();
		return restored;
	}

	/**
	 * A bed's list published after the state was synchronised: the owner's current list.
	 * Kept (the latest per bed) for a takeover; on a standby, its alarms' identities are
	 * adopted at once (docs/scaling.md), so that ids and acknowledgements are the same on
	 * every instance. The owner hears its own lists back: it keeps them undecoded (in a
	 * storm of 2,000 beds, decoding them cost 0.22 s of CPU for nothing) and decodes them
	 * only if it takes over again.
	 */
	synchronized void published(String topic, byte[] payload) {
		if (this.output.owns()) {
			this.published.put(topic, new Latest(null, payload));
			return;
		}
		decode(topic, payload).ifPresent((list) -> {
			this.published.put(topic, new Latest(list, null));
			this.clinical.adopt(list);
		});
	}

	/**
	 * This instance became the owner of the clinical output: the latest published list of
	 * every bed is reconciled with what this instance evaluated (the alarms it holds take
	 * the published ids and acknowledgements; a published alarm it does not hold is
	 * restored if still true, as at a restart: never cleared for being unsure), then
	 * every active alarm is restated and every bed's list published.
	 * @return what to store and publish
	 */
	synchronized Outcome takeOver() {
		// decoded before the engine is held: a ward's own lists, kept as published
		List<AlarmList> lists = new ArrayList<>();
		this.published.forEach((topic, latest) -> latest.decoded(this, topic).ifPresent(lists::add));
		return this.clinical.exclusive(() -> {
			List<Outcome> outcomes = new ArrayList<>();
			int restored = 0;
			for (AlarmList list : lists) {
				AlarmList filtered = stillTrue(list);
				this.clinical.adopt(filtered);
				ClinicalEngine.Restored bed = this.clinical.restoreBed(filtered);
				restored += bed.alarms();
				outcomes.add(bed.outcome());
			}
			outcomes.add(this.clinical.restate());
			logger.info("Took over the clinical output: " + this.published.size() + " bed list(s) reconciled, "
					+ restored + " alarm(s) restored");
			return Outcome.merge(outcomes);
		});
	}

	/** A bed's list, or empty (with a warning) if it does not decode. */
	Optional<AlarmList> decode(String topic, byte[] payload) {
		if (this.codec.decode(payload) instanceof care.vitals.model.codec.Outcome.Ok<AlarmList> ok) {
			return Optional.of(ok.value());
		}
		logger.warn("Alarm list on " + topic + " ignored: it does not decode");
		return Optional.empty();
	}

	/**
	 * A bed's list with only the alarms whose patient is in that bed with their device.
	 */
	private AlarmList stillTrue(AlarmList list) {
		return new AlarmList(list.ward(), list.bed(), list.updated(),
				list.alarms().stream().filter((alarm) -> stillTrue(alarm, list)).toList());
	}

	private boolean stillTrue(Alarm alarm, AlarmList bed) {
		boolean inThatBed = this.history.location(alarm.patient())
			.filter((at) -> at.ward().equals(bed.ward()) && at.bed().equals(bed.bed()))
			.isPresent();
		boolean deviceStillTheirs = alarm.device() == null || this.history.current(alarm.device())
			.map(Assignment::patient)
			.filter(alarm.patient()::equals)
			.isPresent();
		return inThatBed && deviceStillTheirs;
	}

	/**
	 * A bed's latest list: decoded, or as published (the owner's own).
	 *
	 * @param list the list, or {@code null}
	 * @param payload the published bytes, or {@code null}
	 */
	private record Latest(AlarmList list, byte[] payload) {

		Optional<AlarmList> decoded(AlarmRestore restore, String topic) {
			return (this.list != null) ? Optional.of(this.list) : restore.decode(topic, this.payload);
		}

	}

}
