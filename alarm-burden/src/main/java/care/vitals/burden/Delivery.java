package care.vitals.burden;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.clinical.Outcome;
import care.vitals.model.assignment.Assignment;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.DecodeResult;
import care.vitals.model.codec.Decoded;
import care.vitals.model.codec.DeviceEventCodec;
import care.vitals.model.codec.DeviceStatusCodec;
import care.vitals.model.codec.ContentType;
import care.vitals.model.codec.MeasurementDecoder;
import care.vitals.model.codec.RejectedValue;
import care.vitals.model.device.DeviceEvent;
import care.vitals.model.device.DeviceStatus;
import care.vitals.model.reading.Reading;
import care.vitals.publisher.device.Payloads;
import care.vitals.publisher.mqtt.OutboundMessage;

/**
 * What MQTT does between the publisher and the ingest, without MQTT: the publisher's
 * {@link Payloads} encode, the ingest's decoders (with the ward's clock, so their
 * time-window checks hold) decode, and the decoded readings, events and status go to the
 * {@link ClinicalEngine} as the ingest's intakes hand them over ({@code onReading} with
 * the receive time, {@code onEvent}, {@code onStatus}, {@code implausible}). Device
 * clocks are exact in this ward, so the ingest's clock-skew correction is the identity.
 */
final class Delivery {

	private final ClinicalEngine engine;

	private final Payloads payloads = new Payloads();

	private final MeasurementDecoder measurements;

	private final DeviceEventCodec events;

	private final DeviceStatusCodec statuses;

	private long messages;

	Delivery(ClinicalEngine engine, SimClock clock) {
		this.engine = engine;
		this.measurements = new MeasurementDecoder(DecodeLimits.defaults(), clock);
		this.events = new DeviceEventCodec(DecodeLimits.defaults(), clock);
		this.statuses = new DeviceStatusCodec(DecodeLimits.defaults(), clock);
	}

	Message measurement(Reading reading) {
		return new Message(reading.deviceId(), Kind.MEASUREMENT,
				this.payloads.measurement(reading, ContentType.COMPACT_JSON, 1));
	}

	Message event(DeviceEvent event) {
		return new Message(event.deviceId(), Kind.EVENT, this.payloads.event(event));
	}

	/**
	 * Delivers a device status (or the Last Will, {@code status} {@code null}) now.
	 */
	Outcome status(String device, Assignment assignment, DeviceStatus status, Instant receivedAt) {
		OutboundMessage message = (status != null) ? this.payloads.status(status) : this.payloads.will(device);
		return deliver(new Message(device, Kind.STATUS, message), assignment, receivedAt);
	}

	/**
	 * Decodes a message as the ingest would and hands it to the engine.
	 * @return what the engine decided
	 */
	Outcome deliver(Message message, Assignment assignment, Instant receivedAt) {
		this.messages++;
		byte[] payload = message.outbound().payload();
		List<Outcome> outcomes = new ArrayList<>();
		switch (message.kind()) {
			case MEASUREMENT -> {
				DecodeResult result = this.measurements.decode(message.device(), payload,
						message.outbound().contentType(), receivedAt);
				if (!(result instanceof Decoded decoded)) {
					throw new IllegalStateException("the ingest rejected a simulated measurement: " + result);
				}
				for (Reading reading : decoded.readings()) {
					outcomes.add(this.engine.onReading(assignment, reading, receivedAt));
				}
				for (RejectedValue value : decoded.rejectedValues()) {
					outcomes.add(this.engine.implausible(assignment, message.device(), value.parameter(), value.sent(),
							value.timestamp()));
				}
			}
			case EVENT -> {
				var outcome = this.events.decode(message.device(), payload, receivedAt);
				if (!(outcome instanceof care.vitals.model.codec.Outcome.Ok<DeviceEvent> ok)) {
					throw new IllegalStateException("the ingest rejected a simulated event: " + outcome);
				}
				outcomes.add(this.engine.onEvent(assignment, ok.value()));
			}
			case STATUS -> {
				var outcome = this.statuses.decode(message.device(), payload);
				if (!(outcome instanceof care.vitals.model.codec.Outcome.Ok<DeviceStatus> ok)) {
					throw new IllegalStateException("the ingest rejected a simulated status: " + outcome);
				}
				outcomes.add(this.engine.onStatus(assignment, ok.value(), receivedAt));
			}
		}
		return outcomes.isEmpty() ? Outcome.none(receivedAt) : Outcome.merge(outcomes);
	}

	long messages() {
		return this.messages;
	}

	/** What a message carries. */
	enum Kind {

		MEASUREMENT, EVENT, STATUS

	}

	/**
	 * A message on its way (or buffered on the device).
	 *
	 * @param device the device
	 * @param kind what it carries
	 * @param outbound the encoded message as the publisher sends it
	 */
	record Message(String device, Kind kind, OutboundMessage outbound) {

	}

}
