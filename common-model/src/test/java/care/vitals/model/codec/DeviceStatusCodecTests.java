package care.vitals.model.codec;

import java.time.Instant;

import care.vitals.model.device.DeviceStatus;
import care.vitals.model.rejection.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static care.vitals.model.codec.Fixtures.failed;
import static care.vitals.model.codec.Fixtures.ok;
import static care.vitals.model.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class DeviceStatusCodecTests {

	private final DeviceStatusCodec codec = new DeviceStatusCodec(DecodeLimits.defaults(), Fixtures.CLOCK);

	@Test
	void decodesTheContractExample() {
		DeviceStatus status = ok(this.codec.decode("mon-7", utf8(
				"{\"online\":true,\"battery\":87,\"rssi\":-61,\"firmware\":\"2.4.1\",\"ts\":\"2026-11-27T18:00:00Z\"}")));
		assertThat(status)
			.isEqualTo(new DeviceStatus("mon-7", true, 87.0, -61, "2.4.1", Instant.parse("2026-11-27T18:00:00Z")));
	}

	@Test
	void decodesTheLastWill() {
		assertThat(ok(this.codec.decode("mon-7", utf8("{\"online\":false}")))).isEqualTo(DeviceStatus.offline("mon-7"));
	}

	/**
	 * Verifies that a status time outside the window of measurement times (5 min ahead,
	 * 30 days behind) is removed alone and reported: the status (online, battery) is kept
	 * and stored at its receive time, instead of a line InfluxDB refuses on every
	 * resubscribe.
	 */
	@ParameterizedTest
	@CsvSource({ "2026-11-27T18:05:01Z, ahead", "2300-01-01T00:00:00Z, ahead", "2026-10-28T17:59:59Z, before",
			"1970-01-01T00:00:00Z, before" })
	void keepsTheStatusWithoutATimeOutsideTheWindowAndReportsIt(String ts, String where) {
		Outcome<DeviceStatus> outcome = this.codec.decode("mon-7",
				utf8("{\"online\":true,\"battery\":50,\"ts\":\"" + ts + "\"}"));
		assertThat(ok(outcome)).isEqualTo(new DeviceStatus("mon-7", true, 50.0, null, null, null));
		assertThat(((Outcome.Ok<DeviceStatus>) outcome).rejectedParts()).singleElement().satisfies((rejection) -> {
			assertThat(rejection.reason()).isEqualTo(RejectReason.TIMESTAMP_OUT_OF_BOUNDS);
			assertThat(rejection.detail()).contains(where, "kept at its receive time");
		});
	}

	@Test
	void keepsTimesInsideTheWindow() {
		for (String ts : new String[] { "2026-11-27T18:05:00Z", "2026-10-28T18:00:00Z" }) {
			Outcome<DeviceStatus> outcome = this.codec.decode("mon-7", utf8("{\"online\":true,\"ts\":\"" + ts + "\"}"));
			assertThat(ok(outcome).ts()).isEqualTo(Instant.parse(ts));
			assertThat(((Outcome.Ok<DeviceStatus>) outcome).rejectedParts()).isEmpty();
		}
	}

	@Test
	void roundTrips() {
		DeviceStatus full = new DeviceStatus("mon-7", true, 55.5, -70, "fw 1.0", Instant.parse("2026-11-27T18:00:00Z"));
		assertThat(ok(this.codec.decode("mon-7", this.codec.encode(full)))).isEqualTo(full);
		DeviceStatus offline = DeviceStatus.offline("mon-7");
		assertThat(ok(this.codec.decode("mon-7", this.codec.encode(offline)))).isEqualTo(offline);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"online":true                              | malformed_json
			''                                          | malformed_json
			[true]                                      | wrong_type
			{"online":"yes"}                            | wrong_type
			{"online":true,"battery":"87"}              | wrong_type
			{"online":true,"rssi":-61.5}                | invalid_field
			{"online":true,"firmware":"a\\nb"}          | invalid_field
			{"online":true,"ts":"soon"}                 | invalid_field
			{"online":true,"battery":101}               | implausible_value
			{"online":true,"rssi":-201}                 | implausible_value
			{"online":true,"rssi":99999999999}          | implausible_value
			{"battery":87}                              | missing_value
			{"online":null}                             | missing_value
			""")
	void rejectsBadStatus(String payload, String reason) {
		assertThat(failed(this.codec.decode("mon-7", utf8(payload))).reason().code()).isEqualTo(reason);
	}

	@Test
	void rejectsInvalidDeviceIdAndOversizedPayload() {
		assertThat(failed(this.codec.decode("mon 7", utf8("{\"online\":true}"))).reason())
			.isEqualTo(RejectReason.INVALID_DEVICE_ID);
		assertThat(failed(this.codec.decode("mon-7", new byte[70_000])).reason())
			.isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
		assertThat(failed(this.codec.decode("mon-7", null)).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
	}

}
