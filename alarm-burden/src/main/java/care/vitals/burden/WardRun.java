package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.observation.StaffObservation;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.settings.PatientSettings;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.device.DeviceModel;
import care.vitals.publisher.physiology.Artefacts;
import care.vitals.publisher.physiology.Noise;
import care.vitals.publisher.physiology.PatientModel;
import care.vitals.publisher.physiology.Physiology;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.physiology.Vitals;

/**
 * Runs a {@link WardPlan} through the ingest's {@link ClinicalEngine} on a simulated
 * clock: every device ticks once a second (spread over 20 phases of the second, as the
 * publisher's realistic mode does), its readings, events and status go through the same
 * encoders and decoders as over MQTT ({@link Delivery}), in time order across devices;
 * the engine's periodic work runs every second as the ingest's clinical scheduler does;
 * nurses acknowledge alarms and record ACVPU and oxygen ({@link Nurses}).
 */
final class WardRun {

	static final String WARD = "burden-ward";

	/** The publisher's status interval. */
	private static final Duration STATUS_INTERVAL = Duration.ofSeconds(60);

	/** The ingest's {@code ingest.clinical.tick}. */
	private static final Duration TICK = Duration.ofSeconds(1);

	/** The publisher's default NIBP interval. */
	private static final Duration NIBP = Duration.ofMinutes(15);

	/**
	 * A dead battery ends the connection without a word: the broker's keep-alive (1.5 x
	 * 60 s) publishes the Will.
	 */
	private static final Duration WILL_AFTER_SILENCE = Duration.ofSeconds(90);

	/** How long after its Last Will a nurse removes a device with a dead battery. */
	private static final Duration REMOVE_DEAD_DEVICE = Duration.ofMinutes(20);

	private final WardPlan plan;

	private final SimClock clock;

	private final ClinicalEngine engine;

	private final Delivery delivery;

	private final Recorder recorder;

	private final Nurses nurses;

	private final PriorityQueue<Task> queue = new PriorityQueue<>();

	private final List<Bed> beds = new ArrayList<>();

	private final Instant end;

	private final Tracer tracer;

	private long order;

	WardRun(WardPlan plan) {
		this.plan = plan;
		this.clock = new SimClock(plan.origin());
		this.engine = new ClinicalEngine(new Unpublished(), new Unpublished(), this.clock);
		this.delivery = new Delivery(this.engine, this.clock);
		this.recorder = new Recorder(this::later);
		this.nurses = new Nurses(this);
		this.tracer = new Tracer(System.getProperty("burden.trace"), this.engine);
		this.end = plan.origin().plus(plan.length());
	}

	/**
	 * Runs the whole plan.
	 * @return what the engine did, with the ground truth to judge it by
	 */
	RunResult run() {
		Physiology physiology = new Physiology(ZoneOffset.UTC);
		Artefacts artefacts = new Artefacts(this.plan.artefactRate());
		int index = 0;
		Instant origin = this.plan.origin();
		this.clock.set(origin);
		for (BedPlan bedPlan : this.plan.beds()) {
			PatientModel patient = PatientModel.of(this.plan.seed(), bedPlan.bed() - 1, bedPlan.profile());
			Assignment assignment = new Assignment(bedPlan.patient(), WARD, Integer.toString(bedPlan.bed()), origin);
			Bed bed = new Bed(bedPlan, assignment, new Truth(bedPlan, patient, origin));
			this.beds.add(bed);
			this.recorder.patient(bedPlan.patient(), bedPlan.bed());
			for (int k = 0; k < bedPlan.devices().size(); k++) {
				DeviceKind kind = bedPlan.devices().get(k);
				String id = String.format("burden-%s-%03d", kind.code(), bedPlan.bed());
				DeviceModel model = new DeviceModel(id, kind, index, patient, bedPlan.bed(), physiology, artefacts,
						NIBP, Duration.ZERO);
				WardDevice device = new WardDevice(model, bed, index, artefacts, outages(bedPlan.bed(), k));
				bed.devices.add(device);
				this.recorder.record(this.engine.onAssignment(id, Optional.empty(), Optional.of(assignment), false));
				Instant first = origin.plusMillis(50L * (index % 20));
				at(first, () -> tick(device));
				index++;
			}
			if (bedPlan.profile() == Profile.COPD) {
				prescribeScale2(bedPlan.patient(), origin);
			}
			double u = Noise.uniform(this.plan.seed(), 32_000_000L, bedPlan.bed());
			this.nurses.firstRound(bed, origin.plusSeconds(Math.round(u * 1800)));
			if (this.tracer.traces(bedPlan.bed()) && bedPlan.deteriorates()) {
				Instant from = origin.plus(bedPlan.scriptedStart()).minus(Duration.ofMinutes(10));
				Instant to = origin.plus(bedPlan.courseEnd()).plus(Duration.ofMinutes(30));
				at(from.isBefore(origin) ? origin : from, () -> trace(bed, to));
			}
		}
		at(origin.plus(TICK), this::engineTick);
		while (!this.queue.isEmpty() && this.queue.peek().at().isBefore(this.end)) {
			Task task = this.queue.poll();
			this.clock.set(task.at());
			task.action().run();
		}
		Map<String, Map<Parameter, care.vitals.model.alarm.ThresholdRule>> rules = new HashMap<>();
		Map<Integer, List<Episode>> episodes = new HashMap<>();
		Map<Integer, Truth> truths = new HashMap<>();
		for (Bed bed : this.beds) {
			Map<Parameter, care.vitals.model.alarm.ThresholdRule> byParameter = new HashMap<>();
			for (Parameter parameter : Parameter.values()) {
				Optional.ofNullable(this.engine.rule(bed.plan.patient(), parameter))
					.ifPresent((rule) -> byParameter.put(parameter, rule));
			}
			rules.put(bed.plan.patient(), byParameter);
			episodes.put(bed.plan.bed(), List.copyOf(bed.episodes));
			truths.put(bed.plan.bed(), bed.truth);
		}
		return new RunResult(this.plan, this.recorder.alarms(), this.recorder.resolved(), this.recorder.indications(),
				episodes, truths, rules, this.recorder.deadDevices(), this.delivery.messages());
	}

	/**
	 * COPD patients of the ward have a prescribed target of 88-92 %: NEWS2 scale 2 and
	 * the SpO2 alarm below 88 % instead of 90 % (a widened limit the bed shows as
	 * {@code limit_changed}).
	 */
	private void prescribeScale2(String patient, Instant at) {
		care.vitals.model.alarm.ThresholdRule spo2 = this.engine.rule(patient, Parameter.SPO2).withLow(88.0);
		ClinicalEngine.Change change = this.engine.change(patient,
				(PatientSettings settings) -> settings.withScale(SpO2Scale.SCALE_2, "doctor-1", at)
					.withThreshold(spo2, "doctor-1", at));
		this.recorder.record(change.outcome());
	}

	private void trace(Bed bed, Instant to) {
		this.tracer.trace(bed, this.plan.origin(), this.clock.instant());
		if (this.clock.instant().isBefore(to)) {
			later(Tracer.EVERY, () -> trace(bed, to));
		}
	}

	private void engineTick() {
		this.recorder.record(this.engine.tick());
		later(TICK, this::engineTick);
	}

	private void tick(WardDevice device) {
		Instant now = this.clock.instant();
		if (device.dead) {
			return;
		}
		if (device.tick(now, this.plan, this.delivery, this.recorder, STATUS_INTERVAL)) {
			later(TICK, () -> tick(device));
			return;
		}
		// the battery is flat: silence, the Will after the keep-alive, a nurse removes it
		String id = device.model.deviceId();
		later(WILL_AFTER_SILENCE, () -> this.recorder
			.record(this.delivery.status(device.model.deviceId(), device.bed.assignment, null, this.clock.instant())));
		later(WILL_AFTER_SILENCE.plus(REMOVE_DEAD_DEVICE), () -> this.recorder
			.record(this.engine.onAssignment(id, Optional.of(device.bed.assignment), Optional.empty(), true)));
		this.recorder.dead(id, now);
	}

	private List<Instant[]> outages(int bed, int device) {
		List<Instant[]> windows = new ArrayList<>();
		for (OutagePlan outage : this.plan.outages()) {
			if (outage.bed() == bed && outage.device() == device) {
				Instant start = this.plan.origin().plus(outage.start());
				windows.add(new Instant[] { start, start.plus(outage.length()) });
			}
		}
		return windows;
	}

	/** Schedules work a while from now. */
	void later(Duration delay, Runnable action) {
		at(this.clock.instant().plus(delay), action);
	}

	private void at(Instant at, Runnable action) {
		this.queue.add(new Task(at, this.order++, action));
	}

	Instant now() {
		return this.clock.instant();
	}

	/** A nurse at the bed records what they see: ACVPU and air or oxygen. */
	void assess(Bed bed) {
		Instant now = this.clock.instant();
		Vitals truth = bed.truth.vitals(now);
		StaffObservation observation = new StaffObservation(now, "nurse-1", Map.of(), truth.oxygen(), null, null,
				truth.consciousness());
		bed.lastRound = now;
		this.recorder.record(this.engine.observe(bed.assignment, observation));
		if (this.tracer.traces(bed.plan.bed())) {
			System.out
				.println("trace bed " + bed.plan.bed() + " " + Report.span(Duration.between(this.plan.origin(), now))
						+ " nurse records " + truth.consciousness() + (truth.oxygen() ? " oxygen" : " air"));
		}
	}

	/**
	 * How often the bed's observations are due, by its last NEWS2 (RCP 2017, chart 2).
	 */
	Duration observationInterval(Bed bed) {
		Optional<News2Score> score = this.engine.news2(bed.plan.patient());
		if (score.isEmpty()) {
			return Duration.ofHours(4);
		}
		News2Risk risk = score.get().risk();
		if (risk == News2Risk.HIGH) {
			return Duration.ofMinutes(30);
		}
		if (risk != News2Risk.LOW) {
			return Duration.ofHours(1);
		}
		return (score.get().total() > 0) ? Duration.ofHours(4) : Duration.ofHours(12);
	}

	/**
	 * Acknowledges an alarm if still active; a nurse attending a clinical alarm assesses
	 * the patient.
	 */
	void acknowledge(String alarmId, String kind, String patient) {
		this.engine.acknowledge(alarmId, "nurse-1").ifPresent(this.recorder::record);
		if (Kinds.clinical(kind)) {
			this.beds.stream().filter((bed) -> bed.plan.patient().equals(patient)).findFirst().ifPresent((bed) -> {
				assess(bed);
				this.nurses.reschedule(bed);
			});
		}
	}

	/** The bed of a patient, or {@code null}. */
	Bed bed(String patient) {
		for (Bed bed : this.beds) {
			if (bed.plan.patient().equals(patient)) {
				return bed;
			}
		}
		return null;
	}

	Recorder recorder() {
		return this.recorder;
	}

	/** Response times of the simulated nurses, by priority. */
	static Duration responseTime(AlarmPriority priority) {
		return switch (priority) {
			case HIGH -> Duration.ofMinutes(2);
			case MEDIUM -> Duration.ofMinutes(5);
			case LOW -> Duration.ofMinutes(15);
		};
	}

	private record Task(Instant at, long order, Runnable action) implements Comparable<Task> {

		@Override
		public int compareTo(Task other) {
			int byTime = this.at.compareTo(other.at);
			return (byTime != 0) ? byTime : Long.compare(this.order, other.order);
		}

	}

	/** One bed as it runs. */
	static final class Bed {

		final BedPlan plan;

		final Assignment assignment;

		final Truth truth;

		final List<WardDevice> devices = new ArrayList<>();

		final List<Episode> episodes = new ArrayList<>();

		Instant nextRound;

		/** When a nurse last recorded ACVPU and oxygen, or {@code null}. */
		Instant lastRound;

		Bed(BedPlan plan, Assignment assignment, Truth truth) {
			this.plan = plan;
			this.assignment = assignment;
			this.truth = truth;
		}

	}

}
