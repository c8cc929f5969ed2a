package care.vitals.publisher.simulation;

import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.AssignmentCodec;
import care.vitals.model.codec.ContentType;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.topic.Topics;
import care.vitals.publisher.mqtt.ControlConnection;
import care.vitals.publisher.mqtt.OutboundMessage;

/**
 * Admits and discharges simulated patients through the assignment contract: a retained
 * {@code assignments/{deviceId}} message per device, emptied on discharge.
 */
class AssignmentPublisher {

	private final AssignmentCodec codec = new AssignmentCodec(DecodeLimits.defaults());

	private final ControlConnection connection;

	AssignmentPublisher(ControlConnection connection) {
		this.connection = connection;
	}

	void admit(String deviceId, Assignment assignment) {
		this.connection.publishRetained(new OutboundMessage(Topics.assignment(deviceId), this.codec.encode(assignment),
				1, true, ContentType.COMPACT_JSON.mediaType(), false));
	}

	void discharge(String deviceId) {
		this.connection.publishRetained(
				new OutboundMessage(Topics.assignment(deviceId), this.codec.encodeDischarge(), 1, true, null, false));
	}

	void drain() {
		this.connection.drain(5000);
	}

}
