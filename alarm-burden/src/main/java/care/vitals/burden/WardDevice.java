package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

import care.vitals.model.device.DeviceEvent;
import care.vitals.publisher.device.DeviceModel;
import care.vitals.publisher.device.Sample;
import care.vitals.publisher.physiology.ArtefactEpisode;
import care.vitals.publisher.physiology.Artefacts;
import care.vitals.publisher.physiology.Moment;

/**
 * One device of the ward as the publisher's realistic mode runs it
 * ({@code SimulatedDevice}): retained status on connect and every status interval,
 * sequence numbers, the Last Will when its network drops, readings buffered during an
 * outage and backfilled in order when it is back, and nothing at all once its battery is
 * flat.
 */
final class WardDevice {

	final DeviceModel model;

	final WardRun.Bed bed;

	private final int index;

	private final Artefacts artefacts;

	private final List<Instant[]> outages;

	private final ArrayDeque<Delivery.Message> backlog = new ArrayDeque<>();

	private long sequence;

	private Moment previous;

	private boolean connected = true;

	private boolean announced;

	private Instant lastStatus;

	private ArtefactEpisode lastEpisode;

	boolean dead;

	WardDevice(DeviceModel model, WardRun.Bed bed, int index, Artefacts artefacts, List<Instant[]> outages) {
		this.model = model;
		this.bed = bed;
		this.index = index;
		this.artefacts = artefacts;
		this.outages = outages;
	}

	/**
	 * One tick.
	 * @return {@code false} if the battery is flat (the device is dead from now on)
	 */
	boolean tick(Instant now, WardPlan plan, Delivery delivery, Recorder recorder, Duration statusInterval) {
		Moment moment = Truth.moment(plan.origin(), this.bed.plan.scenarioStart(), now);
		Double battery = this.model.battery(moment);
		if (battery != null && battery <= 0) {
			this.dead = true;
			this.backlog.clear();
			return false;
		}
		boolean outage = this.outages.stream().anyMatch((w) -> !now.isBefore(w[0]) && now.isBefore(w[1]));
		String id = this.model.deviceId();
		if (outage && this.connected) {
			// MQTT 5 disconnect with Will (reason 0x04): the broker publishes it at once
			this.connected = false;
			this.announced = false;
			recorder.record(delivery.status(id, this.bed.assignment, null, now));
		}
		else if (!outage && !this.connected) {
			this.connected = true;
		}
		if (this.connected) {
			if (!this.announced || Duration.between(this.lastStatus, now).compareTo(statusInterval) >= 0) {
				recorder.record(delivery.status(id, this.bed.assignment, this.model.status(moment, true), now));
				this.announced = true;
				this.lastStatus = now;
			}
			while (!this.backlog.isEmpty()) {
				recorder.record(delivery.deliver(this.backlog.pollFirst(), this.bed.assignment, now));
			}
		}
		Sample sample = this.model.sample(this.bed.plan.scenario(), moment, this.previous, this.sequence);
		for (DeviceEvent event : sample.events()) {
			send(delivery.event(event), delivery, recorder, now);
		}
		if (sample.reading() != null) {
			send(delivery.measurement(sample.reading()), delivery, recorder, now);
		}
		if (sample.reading() != null || sample.dropped()) {
			this.sequence++;
		}
		this.previous = moment;
		noteArtefact(plan, moment);
		return true;
	}

	private void send(Delivery.Message message, Delivery delivery, Recorder recorder, Instant now) {
		if (this.connected && this.backlog.isEmpty()) {
			recorder.record(delivery.deliver(message, this.bed.assignment, now));
		}
		else {
			this.backlog.addLast(message);
		}
	}

	private void noteArtefact(WardPlan plan, Moment moment) {
		double factor = this.bed.plan.scenario().stateAt(moment.scenarioElapsed()).artefactFactor();
		Optional<ArtefactEpisode> episode = this.artefacts.at(plan.seed(), this.index, moment.sinceStart(), factor);
		if (episode.isPresent() && !episode.get().equals(this.lastEpisode)) {
			this.lastEpisode = episode.get();
			this.bed.episodes.add(new Episode(this.model.deviceId(), episode.get().kind(),
					plan.origin().plus(episode.get().start()), plan.origin().plus(episode.get().end())));
		}
	}

}
