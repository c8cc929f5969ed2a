package care.vitals.publisher.mqtt;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts publications of one simulation: handed to the client, completed (QoS 0: written
 * to the socket; QoS 1/2: acknowledged by the broker), failed. Only measurements count
 * towards the rate; status and events are counted separately.
 */
public final class PublishCounters {

	private final LongAdder sent = new LongAdder();

	private final LongAdder completed = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder other = new LongAdder();

	void sent(OutboundMessage message) {
		if (message.measurement()) {
			this.sent.increment();
		}
		else {
			this.other.increment();
		}
	}

	void unsent(OutboundMessage message) {
		if (message.measurement()) {
			this.sent.decrement();
		}
		else {
			this.other.decrement();
		}
	}

	void completed(OutboundMessage message) {
		if (message.measurement()) {
			this.completed.increment();
		}
	}

	void failed(OutboundMessage message) {
		if (message.measurement()) {
			this.failed.increment();
		}
	}

	/**
	 * Returns the measurements handed to the client.
	 * @return the count
	 */
	public long sent() {
		return this.sent.sum();
	}

	/**
	 * Returns the measurements the client completed.
	 * @return the count
	 */
	public long completed() {
		return this.completed.sum();
	}

	/**
	 * Returns the measurements that failed.
	 * @return the count
	 */
	public long failed() {
		return this.failed.sum();
	}

	/**
	 * Returns the status and event messages sent.
	 * @return the count
	 */
	public long otherMessages() {
		return this.other.sum();
	}

}
