package care.vitals.model.codec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmState;
import care.vitals.model.rejection.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static care.vitals.model.codec.Fixtures.failed;
import static care.vitals.model.codec.Fixtures.ok;
import static care.vitals.model.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class AlarmListCodecTests {

	private static final Instant TS = Instant.parse("2026-11-27T18:00:15Z");

	private final AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());

	private static final Alarm SPO2 = new Alarm("spo2_low.mhx3k2a8.1x2y3z", "p-1042", "ward-3", "12", "mon-7",
			AlarmPriority.HIGH, "spo2_low", AlarmState.RAISED, "SpO2 84% below 85%", 84.0, TS);

	private static final Alarm NEWS2 = new Alarm("news2_medium.mhx3k0a0.9zz", "p-1042", "ward-3", "12", null,
			AlarmPriority.MEDIUM, "news2_medium", AlarmState.ACKNOWLEDGED, "NEWS2 5 (medium risk)", null,
			TS.plusSeconds(5));

	@Test
	void encodesTheDocumentedShape() {
		String json = new String(this.codec.encode(new AlarmList("ward-3", "12", TS.plusSeconds(5), List.of(SPO2))),
				StandardCharsets.UTF_8);
		assertThat(json).isEqualTo("{\"ward\":\"ward-3\",\"bed\":\"12\",\"updated\":\"2026-11-27T18:00:20Z\","
				+ "\"alarms\":[{\"id\":\"spo2_low.mhx3k2a8.1x2y3z\",\"patient\":\"p-1042\",\"device\":\"mon-7\","
				+ "\"priority\":\"high\",\"kind\":\"spo2_low\",\"state\":\"raised\",\"message\":\"SpO2 84% below 85%\","
				+ "\"value\":84.0,\"since\":\"2026-11-27T18:00:15Z\"}]}");
	}

	@Test
	void roundTripsListsWithAndWithoutOptionalFields() {
		AlarmList list = new AlarmList("ward-3", "12", TS.plusSeconds(10), List.of(SPO2, NEWS2));
		assertThat(ok(this.codec.decode(this.codec.encode(list)))).isEqualTo(list);
		AlarmList empty = new AlarmList("ward-3", "12", TS, List.of());
		assertThat(ok(this.codec.decode(this.codec.encode(empty)))).isEqualTo(empty);
	}

	@Test
	void decodesEpochMillisecondsAndIgnoresUnknownFields() {
		AlarmList list = ok(this.codec.decode(utf8("{\"ward\":\"ward-3\",\"bed\":\"12\",\"updated\":1795802415000,"
				+ "\"extra\":1,\"alarms\":[{\"id\":\"a-1\",\"patient\":\"p-1\",\"priority\":\"low\","
				+ "\"kind\":\"sequence_gap\",\"state\":\"raised\",\"message\":\"\",\"since\":1795802415000}]}")));
		assertThat(list.alarms()).singleElement().satisfies((alarm) -> {
			assertThat(alarm.device()).isNull();
			assertThat(alarm.value()).isNull();
			assertThat(alarm.ward()).isEqualTo("ward-3");
		});
	}

	@ParameterizedTest(name = "{1}: {0}")
	@CsvSource(delimiter = '|', value = { "[]|WRONG_TYPE", "{|MALFORMED_JSON", "|MALFORMED_JSON",
			"{\"bed\":\"12\",\"updated\":0,\"alarms\":[]}|MISSING_VALUE",
			"{\"ward\":\"w 3\",\"bed\":\"12\",\"updated\":0,\"alarms\":[]}|INVALID_FIELD",
			"{\"ward\":\"w\",\"bed\":\"12\",\"alarms\":[]}|MISSING_VALUE",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0}|MISSING_VALUE",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":{}}|WRONG_TYPE",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[1]}|WRONG_TYPE",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[{\"id\":\"a\",\"patient\":\"p\",\"priority\":\"urgent\",\"kind\":\"k\",\"state\":\"raised\",\"message\":\"\",\"since\":0}]}|INVALID_FIELD",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[{\"id\":\"a\",\"patient\":\"p\",\"priority\":\"HIGH\",\"kind\":\"k\",\"state\":\"raised\",\"message\":\"\",\"since\":0}]}|INVALID_FIELD",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[{\"id\":\"a\",\"patient\":\"p\",\"priority\":\"high\",\"kind\":\"K\",\"state\":\"raised\",\"message\":\"\",\"since\":0}]}|INVALID_FIELD",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[{\"id\":\"a\",\"patient\":\"p\",\"priority\":\"high\",\"kind\":\"k\",\"state\":\"resolved\",\"message\":\"\",\"since\":0}]}|INVALID_FIELD",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[{\"id\":\"a\",\"patient\":\"p\",\"device\":\"d/1\",\"priority\":\"high\",\"kind\":\"k\",\"state\":\"raised\",\"message\":\"\",\"since\":0}]}|INVALID_FIELD",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[{\"id\":\"a\",\"patient\":\"p\",\"priority\":\"high\",\"kind\":\"k\",\"state\":\"raised\",\"message\":\"\",\"value\":\"84\",\"since\":0}]}|WRONG_TYPE",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[{\"id\":\"a\",\"patient\":\"p\",\"priority\":\"high\",\"kind\":\"k\",\"state\":\"raised\",\"message\":\"\",\"value\":1e400,\"since\":0}]}|INVALID_FIELD",
			"{\"ward\":\"w\",\"bed\":\"12\",\"updated\":0,\"alarms\":[{\"id\":\"a\",\"patient\":\"p\",\"priority\":\"high\",\"kind\":\"k\",\"state\":\"raised\",\"message\":\"\"}]}|MISSING_VALUE" })
	void rejectsInvalidLists(String payload, RejectReason reason) {
		assertThat(failed(this.codec.decode((payload != null) ? utf8(payload) : null)).reason()).isEqualTo(reason);
	}

	@Test
	void rejectsTooManyAlarms() {
		AlarmListCodec strict = new AlarmListCodec(
				new DecodeLimits(65_536, 1, 16, Duration.ofMinutes(5), Duration.ofDays(30)));
		byte[] two = this.codec.encode(new AlarmList("ward-3", "12", TS, List.of(SPO2, NEWS2)));
		assertThat(failed(strict.decode(two)).reason()).isEqualTo(RejectReason.TOO_MANY_RECORDS);
	}

}
