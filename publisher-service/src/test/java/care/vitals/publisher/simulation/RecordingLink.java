package care.vitals.publisher.simulation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import care.vitals.publisher.mqtt.MqttLink;
import care.vitals.publisher.mqtt.OutboundMessage;

/**
 * An {@link MqttLink} that records what is published; connected from the first
 * {@link #connect()} until dropped.
 */
final class RecordingLink implements MqttLink {

	private final List<OutboundMessage> published;

	private final List<String> log;

	private final String clientId;

	private volatile boolean connected;

	private long connections;

	RecordingLink(String clientId, List<OutboundMessage> published, List<String> log) {
		this.clientId = clientId;
		this.published = published;
		this.log = log;
	}

	RecordingLink(String clientId) {
		this(clientId, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
	}

	@Override
	public void connect() {
		if (!this.connected) {
			this.connections++;
			this.log.add(this.clientId + " connected");
		}
		this.connected = true;
	}

	@Override
	public boolean isConnected() {
		return this.connected;
	}

	@Override
	public long connections() {
		return this.connections;
	}

	@Override
	public boolean publish(OutboundMessage message) {
		if (!this.connected) {
			return false;
		}
		this.published.add(message);
		return true;
	}

	@Override
	public int inFlight() {
		return 0;
	}

	@Override
	public void dropConnection() {
		this.connected = false;
		this.log.add(this.clientId + " dropped");
	}

	@Override
	public void close(OutboundMessage last) {
		if (last != null && this.connected) {
			this.published.add(last);
		}
		this.connected = false;
		this.log.add(this.clientId + " closed");
	}

	List<OutboundMessage> published() {
		return this.published;
	}

}
