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

	private final DeviceStatusCodec codec = new DeviceStatusCodec(DecodeLimits.defaults());

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

	@Test
	void acceptsOldTimestampsBecauseTheStatusIsRetained() {
		assertThat(ok(this.codec.decode("mon-7", utf8("{\"online\":true,\"ts\":\"2020-01-01T00:00:00Z\"}"))).ts())
			.isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
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
