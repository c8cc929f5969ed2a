package care.vitals.publisher.simulation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

import care.vitals.publisher.device.DeviceModel;
import care.vitals.publisher.device.Payloads;
import care.vitals.publisher.device.Sample;
import care.vitals.publisher.mqtt.MqttLink;
import care.vitals.publisher.mqtt.OutboundMessage;
import care.vitals.publisher.physiology.Moment;

/**
 * A device in realistic mode: its own connection, sequence numbers, retained status,
 * network drops and a backlog that is backfilled, in order and with the original
 * timestamps, once the connection is back.
 * <p>
 * Ticks of one device run on one thread at a time; the API reads only volatile fields.
 */
final class SimulatedDevice {

	private final DeviceModel model;

	private final Patient patient;

	private final int index;

	private final MqttLink link;

	private final Payloads payloads;

	private final Outages outages;

	private final Duration statusInterval;

	private final int maxBacklog;

	private final ArrayDeque<OutboundMessage> backlog = new ArrayDeque<>();

	private final AtomicLong backfilled = new AtomicLong();

	private final AtomicLong lost = new AtomicLong();

	private long sequence;

	private Moment previous;

	private long announcedConnection = -1;

	private Duration lastStatus;

	private boolean droppedByUs;

	private volatile Duration latest = Duration.ZERO;

	private volatile Duration outageUntil = Duration.ZERO;

	private volatile int backlogSize;

	private volatile long sequenceSeen;

	private volatile Double battery;

	SimulatedDevice(DeviceModel model, Patient patient, int index, MqttLink link, Payloads payloads, Outages outages,
			Duration statusInterval, int maxBacklog) {
		this.model = model;
		this.patient = patient;
		this.index = index;
		this.link = link;
		this.payloads = payloads;
		this.outages = outages;
		this.statusInterval = statusInterval;
		this.maxBacklog = maxBacklog;
	}

	void connect() {
		this.link.connect();
	}

	void tick(Moment now, Settings settings) {
		this.latest = now.sinceStart();
		followOutages(now);
		boolean online = this.link.isConnected();
		if (online) {
			announce(now);
			flushBacklog();
		}
		if (this.patient.admitted()) {
			Sample sample = this.model.sample(settings.scenario(), now, this.previous, this.sequence);
			sample.events().forEach((event) -> send(this.payloads.event(event)));
			if (sample.reading() != null) {
				send(this.payloads.measurement(sample.reading(), settings.format(), settings.qos()));
			}
			if (sample.reading() != null || sample.dropped()) {
				this.sequence++;
				this.sequenceSeen = this.sequence;
			}
		}
		this.previous = now;
		this.backlogSize = this.backlog.size();
	}

	private void followOutages(Moment now) {
		boolean outage = this.outages.covers(this.patient.model().seed(), this.index, now.sinceStart())
				|| now.sinceStart().compareTo(this.outageUntil) < 0;
		if (outage && !this.droppedByUs) {
			this.droppedByUs = true;
			this.link.dropConnection();
		}
		else if (!outage && this.droppedByUs) {
			this.droppedByUs = false;
			this.link.connect();
		}
	}

	private void announce(Moment now) {
		long connection = this.link.connections();
		boolean due = this.lastStatus == null
				|| now.sinceStart().minus(this.lastStatus).compareTo(this.statusInterval) >= 0;
		if ((connection != this.announcedConnection || due)
				&& this.link.publish(this.payloads.status(this.model.status(now, true)))) {
			this.announcedConnection = connection;
			this.lastStatus = now.sinceStart();
		}
		this.battery = this.model.battery(now);
	}

	private void send(OutboundMessage message) {
		if (this.backlog.isEmpty() && this.link.publish(message)) {
			return;
		}
		if (this.backlog.size() >= this.maxBacklog) {
			this.backlog.pollFirst();
			this.lost.incrementAndGet();
		}
		this.backlog.addLast(message);
	}

	private void flushBacklog() {
		while (!this.backlog.isEmpty() && this.link.publish(this.backlog.peekFirst())) {
			this.backlog.pollFirst();
			this.backfilled.incrementAndGet();
		}
	}

	/**
	 * Cuts the network for a while (from the latest tick on); the broker publishes the
	 * Last Will and readings are buffered until the connection is back.
	 * @param length how long
	 */
	void outage(Duration length) {
		this.outageUntil = this.latest.plus(length);
	}

	void close(Moment now) {
		this.link.close(this.payloads.status(this.model.status(now, false)));
	}

	DeviceModel model() {
		return this.model;
	}

	Patient patient() {
		return this.patient;
	}

	boolean connected() {
		return this.link.isConnected();
	}

	long sequence() {
		return this.sequenceSeen;
	}

	int backlogSize() {
		return this.backlogSize;
	}

	long backfilled() {
		return this.backfilled.get();
	}

	long lost() {
		return this.lost.get();
	}

	Double battery() {
		return this.battery;
	}

}
