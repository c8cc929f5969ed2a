package care.vitals.model.codec;

import java.time.Instant;
import java.util.Map;

import care.vitals.model.device.DeviceEvent;
import care.vitals.model.rejection.RejectReason;
import care.vitals.model.rejection.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static care.vitals.model.codec.Fixtures.NOW;
import static care.vitals.model.codec.Fixtures.failed;
import static care.vitals.model.codec.Fixtures.ok;
import static care.vitals.model.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class DeviceEventCodecTests {

	private final DeviceEventCodec codec = new DeviceEventCodec(DecodeLimits.defaults(), Fixtures.CLOCK);

	@Test
	void decodesTheContractExample() {
		DeviceEvent event = ok(this.codec.decode("mon-7",
				utf8("{\"kind\":\"probe_off\",\"ts\":\"2026-11-27T17:59:58Z\",\"details\":{\"sensor\":\"spo2\"}}"),
				NOW));
		assertThat(event)
			.isEqualTo(new DeviceEvent("mon-7", "probe_off", NOW.minusSeconds(2), Map.of("sensor", "spo2")));
	}

	@Test
	void rejectsAnEventWithoutTsAsMissingDeviceTime() {
		assertThat(failed(this.codec.decode("mon-7", utf8("{\"kind\":\"button\"}"), NOW.minusSeconds(1))).reason())
			.isEqualTo(RejectReason.MISSING_DEVICE_TIME);
	}

	@Test
	void acceptsEveryAllowedKindAndRejectsOthersAsUnknownEventKind() {
		for (String kind : DeviceEvent.KINDS) {
			assertThat(ok(this.codec.decode("mon-7", utf8("{\"kind\":\"" + kind + "\",\"ts\":\"" + NOW + "\"}"), NOW))
				.kind()).isEqualTo(kind);
		}
		for (String kind : new String[] { "probe_of", "x", "k".repeat(32), "spo2_low" }) {
			Rejection rejection = failed(
					this.codec.decode("mon-7", utf8("{\"kind\":\"" + kind + "\",\"ts\":\"" + NOW + "\"}"), NOW));
			assertThat(rejection.reason()).as(kind).isEqualTo(RejectReason.UNKNOWN_EVENT_KIND);
			assertThat(rejection.detail()).contains("probe_off");
		}
	}

	@Test
	void keepsAnEventWithAnUnknownSensorForTheWholeDeviceAndReportsTheSensor() {
		Outcome<DeviceEvent> outcome = this.codec.decode("mon-7", utf8(
				"{\"kind\":\"probe_off\",\"ts\":\"" + NOW + "\",\"details\":{\"sensor\":\"clip-42\",\"note\":\"x\"}}"),
				NOW);
		DeviceEvent event = ok(outcome);
		assertThat(event.details()).containsExactly(Map.entry("note", "x"));
		assertThat(((Outcome.Ok<DeviceEvent>) outcome).rejectedParts()).singleElement().satisfies((rejection) -> {
			assertThat(rejection.reason()).isEqualTo(RejectReason.INVALID_FIELD);
			assertThat(rejection.detail()).contains("'sensor'", "clip-42");
		});
		for (String sensor : new String[] { "spo2", "temperature", "ecg", "skin_contact" }) {
			Outcome<DeviceEvent> known = this.codec.decode("mon-7",
					utf8("{\"kind\":\"probe_off\",\"ts\":\"" + NOW + "\",\"details\":{\"sensor\":\"" + sensor + "\"}}"),
					NOW);
			assertThat(ok(known).details()).containsEntry("sensor", sensor);
			assertThat(((Outcome.Ok<DeviceEvent>) known).rejectedParts()).isEmpty();
		}
	}

	@Test
	void roundTrips() {
		DeviceEvent event = new DeviceEvent("mon-7", "lead_off", NOW.minusMillis(5),
				Map.of("lead", "II", "note", "gel dried"));
		assertThat(ok(this.codec.decode("mon-7", this.codec.encode(event), NOW))).isEqualTo(event);
		DeviceEvent bare = new DeviceEvent("mon-7", "button", NOW, null);
		assertThat(ok(this.codec.decode("mon-7", this.codec.encode(bare), NOW))).isEqualTo(bare);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"kind":"error"                                       | malformed_json
			{"kind":5}                                            | wrong_type
			{"kind":"error","details":{"code":42}}                | wrong_type
			{"kind":"error","details":["x"]}                      | wrong_type
			{"kind":"Probe Off","ts":"2026-11-27T18:00:00Z"}      | invalid_field
			{"kind":"error","details":{"bad key":"x"}}            | invalid_field
			{"kind":"fire","ts":"2026-11-27T18:00:00Z"}           | unknown_event_kind
			{"kind":"error"}                                      | missing_device_time
			{"kind":"error","ts":"2026-11-27T18:05:01Z"}          | timestamp_out_of_bounds
			{"kind":"error","ts":"2026-10-01T00:00:00Z"}          | timestamp_out_of_bounds
			{"details":{"sensor":"spo2"}}                         | missing_value
			""")
	void rejectsBadEvents(String payload, String reason) {
		assertThat(failed(this.codec.decode("mon-7", utf8(payload), NOW)).reason().code()).isEqualTo(reason);
	}

	@Test
	void boundsDetails() {
		StringBuilder many = new StringBuilder("{\"kind\":\"error\",\"details\":{");
		for (int i = 0; i < 17; i++) {
			many.append((i > 0) ? "," : "").append("\"k").append(i).append("\":\"v\"");
		}
		assertThat(failed(this.codec.decode("mon-7", utf8(many.append("}}").toString()), NOW)).reason())
			.isEqualTo(RejectReason.TOO_MANY_RECORDS);
		String longValue = "{\"kind\":\"error\",\"details\":{\"k\":\"" + "v".repeat(257) + "\"}}";
		assertThat(failed(this.codec.decode("mon-7", utf8(longValue), NOW)).reason())
			.isEqualTo(RejectReason.INVALID_FIELD);
	}

	@Test
	void rejectsInvalidDeviceId() {
		assertThat(failed(this.codec.decode("mon#7", utf8("{\"kind\":\"error\"}"), NOW)).reason())
			.isEqualTo(RejectReason.INVALID_DEVICE_ID);
	}

	@Test
	void checksTimesAgainstTheClock() {
		assertThat(failed(this.codec.decode("mon-7", utf8("{\"kind\":\"error\",\"ts\":\"2000-01-01T00:00:00Z\"}"), NOW))
			.reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_BOUNDS);
	}

}
