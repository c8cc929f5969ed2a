package care.vitals.ingest.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import care.vitals.ingest.patient.Attribution;
import care.vitals.ingest.patient.DeviceClocks;
import care.vitals.ingest.pipeline.DeadLetter;
import care.vitals.ingest.pipeline.Envelope;
import care.vitals.ingest.storage.Lines;
import care.vitals.ingest.storage.RejectedLines;
import care.vitals.model.codec.DecodeResult;
import care.vitals.model.codec.Decoded;
import care.vitals.model.codec.MeasurementDecoder;
import care.vitals.model.codec.Rejected;
import care.vitals.model.codec.RejectedValue;
import care.vitals.model.reading.Reading;

import org.springframework.stereotype.Component;

/**
 * {@code devices/{deviceId}/measurements}: decode, correct the device's clock, attribute
 * every reading to the patient its device had at the reading's own (corrected) time, and
 * score it if that patient is still monitored. The stored line keeps the device's own
 * time; the clinical engine sees the corrected time and the receive time.
 * <p>
 * A reading whose device had nobody then is stored with {@code patient=unassigned} and
 * the reason, and never scored. A reading of a patient who has since been discharged, or
 * taken before its device moved to another patient, is stored on the patient it was taken
 * from but not evaluated.
 */
@Component
public class MeasurementIntake {

	private final MeasurementDecoder decoder;

	private final IntakeContext context;

	MeasurementIntake(IntakeContext context) {
		this.decoder = new MeasurementDecoder(context.limits, context.clock);
		this.context = context;
	}

	/**
	 * @param device the device named by the topic
	 * @param message the message
	 * @param scope whether to store it, evaluate it, or both
	 * @return what to store and acknowledge, and the evaluations to run
	 */
	public Received accept(String device, InboundMessage message, Scope scope) {
		if (scope.stores()) {
			this.context.metrics.received("measurements");
		}
		DecodeResult result = this.decoder.decode(device, message.payload(), message.contentType(),
				message.receivedAt());
		if (result instanceof Rejected rejected) {
			return Received.stored(this.context.rejections.envelope(rejected.rejection(), device, message, scope));
		}
		Decoded decoded = (Decoded) result;
		List<Reading> readings = decoded.readings();
		Instant receivedAt = message.receivedAt();
		Duration before = this.context.clocks.offset(device);
		Instant newest = newest(readings);
		Duration offset = (newest != null) ? this.context.clocks.observe(device, newest, receivedAt) : before;
		boolean evaluates = scope.evaluates() && this.context.clinicalEnabled;
		// no list where nothing is added: no line in a scope that does not store, no
		// evaluation in one that does not evaluate
		List<String> lines = scope.stores() ? new ArrayList<>(readings.size()) : List.of();
		List<Supplier<List<String>>> evaluations = evaluates ? new ArrayList<>(readings.size() + 1) : List.of();
		if (evaluates && !(offset.isZero() && before.isZero())) {
			evaluations.add(() -> this.context.history.current(device)
				.map((now) -> this.context
					.lines(this.context.clinical.clockSkew(now, device, offset.isZero() ? null : offset, receivedAt)))
				.orElse(List.of()));
		}
		for (Reading reading : readings) {
			Reading corrected = shifted(reading, DeviceClocks.wardTime(reading.timestamp(), offset, receivedAt));
			Attribution attribution = this.context.history.at(device, corrected.timestamp());
			if (scope.stores()) {
				lines.add(Lines.vitals(reading, attribution));
			}
			if (evaluates && attribution instanceof Attribution.Assigned assigned) {
				evaluations.add(() -> this.context.evaluate(device, assigned.assignment().patient(),
						(bed) -> this.context.clinical.onReading(bed, corrected, receivedAt)));
			}
		}
		DeadLetter deadLetter = decoded.rejectedValues().isEmpty() ? null
				: rejectedValues(device, message, decoded.rejectedValues(), offset, scope, lines, evaluations);
		return new Received(Envelope.owning(lines, message.ack(), deadLetter, scope.stores() ? newest : null),
				evaluations);
	}

	/**
	 * An impossible value is rejected alone: one {@code rejected} line per value (with
	 * the value and the reason), an {@code implausible_value} technical alarm on the
	 * device if it measures a monitored patient, and one dead letter for the message.
	 */
	private DeadLetter rejectedValues(String device, InboundMessage message, List<RejectedValue> rejected,
			Duration offset, Scope scope, List<String> lines, List<Supplier<List<String>>> evaluations) {
		StringBuilder detail = new StringBuilder();
		for (RejectedValue value : rejected) {
			String reason = value.rejection().reason().code();
			if (scope.stores()) {
				this.context.metrics.rejected(reason);
				lines.add(RejectedLines.line(reason, device, message.topic(), value.rejection().detail(),
						message.payload(), value.timestamp()));
			}
			detail.append((detail.length() > 0) ? "; " : "").append(value.rejection().detail());
			Instant wardTime = DeviceClocks.wardTime(value.timestamp(), offset, message.receivedAt());
			Attribution attribution = this.context.history.at(device, wardTime);
			if (scope.evaluates() && this.context.clinicalEnabled
					&& attribution instanceof Attribution.Assigned assigned) {
				evaluations.add(() -> this.context.evaluate(device, assigned.assignment().patient(),
						(bed) -> this.context.clinical.implausible(bed, device, value.parameter(), value.sent(),
								wardTime)));
			}
		}
		if (!scope.stores()) {
			return null;
		}
		String reason = rejected.get(0).rejection().reason().code();
		return new DeadLetter(reason, detail.toString(), message.topic(), message.payload());
	}

	private static Instant newest(List<Reading> readings) {
		Instant newest = null;
		for (Reading reading : readings) {
			if (newest == null || reading.timestamp().isAfter(newest)) {
				newest = reading.timestamp();
			}
		}
		return newest;
	}

	private static Reading shifted(Reading reading, Instant wardTime) {
		if (wardTime.equals(reading.timestamp())) {
			return reading;
		}
		return new Reading(reading.deviceId(), wardTime, reading.sequence(), reading.values(), reading.oxygen(),
				reading.consciousness());
	}

}
