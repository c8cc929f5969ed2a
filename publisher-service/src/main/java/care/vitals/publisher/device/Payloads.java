package care.vitals.publisher.device;

import java.time.Clock;

import care.vitals.model.codec.CompactJsonEncoder;
import care.vitals.model.codec.ContentType;
import care.vitals.model.codec.SenmlEncoder;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.DeviceEventCodec;
import care.vitals.model.codec.DeviceStatusCodec;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.reading.Reading;
import care.vitals.model.topic.Topics;
import care.vitals.publisher.mqtt.OutboundMessage;

/**
 * Turns readings, events and status into MQTT messages with the shared encoders of
 * {@code common-model}, so every payload is one the ingest decodes. Stateless and
 * thread-safe.
 */
public final class Payloads {

	private static final String JSON = ContentType.COMPACT_JSON.mediaType();

	private final CompactJsonEncoder compact = new CompactJsonEncoder();

	private final SenmlEncoder senml = new SenmlEncoder();

	private final DeviceStatusCodec status = new DeviceStatusCodec(DecodeLimits.defaults());

	private final DeviceEventCodec events = new DeviceEventCodec(DecodeLimits.defaults(), Clock.systemUTC());

	/**
	 * Encodes a measurement for {@code devices/{id}/measurements}.
	 * @param reading the reading
	 * @param format compact JSON or SenML
	 * @param qos the QoS
	 * @return the message
	 */
	public OutboundMessage measurement(Reading reading, ContentType format, int qos) {
		byte[] payload = (format == ContentType.SENML_JSON) ? this.senml.encode(reading) : this.compact.encode(reading);
		return new OutboundMessage(Topics.measurements(reading.deviceId()), payload, qos, false, format.mediaType(),
				true);
	}

	/**
	 * Encodes a retained status for {@code devices/{id}/status}.
	 * @param status the status
	 * @return the message, QoS 1, retained
	 */
	public OutboundMessage status(DeviceStatus status) {
		return new OutboundMessage(Topics.status(status.deviceId()), this.status.encode(status), 1, true, JSON, false);
	}

	/**
	 * Encodes the Last Will: {@code {"online":false}}, retained.
	 * @param deviceId the device
	 * @return the message, QoS 1, retained
	 */
	public OutboundMessage will(String deviceId) {
		return status(DeviceStatus.offline(deviceId));
	}

	/**
	 * Encodes a technical event for {@code devices/{id}/events}.
	 * @param event the event
	 * @return the message, QoS 1, not retained
	 */
	public OutboundMessage event(DeviceEvent event) {
		return new OutboundMessage(Topics.events(event.deviceId()), this.events.encode(event), 1, false, JSON, false);
	}

}
