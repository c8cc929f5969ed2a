package care.vitals.model.topic;

import care.vitals.model.rejection.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicsTests {

	private static final String[] INVALID_IDS = { "",
			"01234567890123456789012345678901234567890123456789012345678901234", "a+b", "a#b", "a/b", "a b", "a,b",
			"a=b", "a\"b", "a\nb", "a\\b", "bett-ü" };

	@Test
	void buildsEveryTopicOfTheContract() {
		assertThat(Topics.measurements("mon-7")).isEqualTo("devices/mon-7/measurements");
		assertThat(Topics.status("mon-7")).isEqualTo("devices/mon-7/status");
		assertThat(Topics.events("mon-7")).isEqualTo("devices/mon-7/events");
		assertThat(Topics.assignment("mon-7")).isEqualTo("assignments/mon-7");
		assertThat(Topics.alarms("ward-3", "12")).isEqualTo("alarms/ward-3/12");
		assertThat(Topics.settings("p-1042")).isEqualTo("patients/p-1042/settings");
		assertThat(Topics.rejected(RejectReason.IMPLAUSIBLE_VALUE)).isEqualTo("ingest/rejected/implausible_value");
	}

	@Test
	void namesTheSubscriptionFilters() {
		assertThat(Topics.MEASUREMENTS_FILTER).isEqualTo("devices/+/measurements");
		assertThat(Topics.STATUS_FILTER).isEqualTo("devices/+/status");
		assertThat(Topics.EVENTS_FILTER).isEqualTo("devices/+/events");
		assertThat(Topics.ASSIGNMENTS_FILTER).isEqualTo("assignments/+");
		assertThat(Topics.ALARMS_FILTER).isEqualTo("alarms/+/+");
		assertThat(Topics.SETTINGS_FILTER).isEqualTo("patients/+/settings");
		assertThat(Topics.REJECTED_FILTER).isEqualTo("ingest/rejected/+");
	}

	@Test
	void buildsSharedSubscriptions() {
		assertThat(Topics.shared("ingest", Topics.MEASUREMENTS_FILTER))
			.isEqualTo("$share/ingest/devices/+/measurements");
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.shared("in/gest", Topics.STATUS_FILTER));
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.shared("ingest+", Topics.STATUS_FILTER));
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.shared("ingest", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.shared("ingest", "$share/x/devices/#"));
	}

	@Test
	void buildersRejectEveryInvalidId() {
		for (String id : INVALID_IDS) {
			assertThatIllegalArgumentException().as(id).isThrownBy(() -> Topics.measurements(id));
			assertThatIllegalArgumentException().as(id).isThrownBy(() -> Topics.status(id));
			assertThatIllegalArgumentException().as(id).isThrownBy(() -> Topics.events(id));
			assertThatIllegalArgumentException().as(id).isThrownBy(() -> Topics.assignment(id));
			assertThatIllegalArgumentException().as(id).isThrownBy(() -> Topics.alarms(id, "12"));
			assertThatIllegalArgumentException().as(id).isThrownBy(() -> Topics.alarms("ward-3", id));
			assertThatIllegalArgumentException().as(id).isThrownBy(() -> Topics.settings(id));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.measurements(null));
	}

	@Test
	void parsesDeviceTopics() {
		assertThat(Topics.parse("devices/mon-7/measurements")).isEqualTo(new MeasurementsTopic("mon-7"));
		assertThat(Topics.parse("devices/mon-7/status")).isEqualTo(new StatusTopic("mon-7"));
		assertThat(Topics.parse("devices/mon-7/events")).isEqualTo(new EventsTopic("mon-7"));
		assertThat(Topics.parse("assignments/mon-7")).isEqualTo(new AssignmentTopic("mon-7"));
		assertThat(Topics.parse("devices/mon-7/status")).isInstanceOfSatisfying(DeviceTopic.class,
				(topic) -> assertThat(topic.deviceId()).isEqualTo("mon-7"));
	}

	@Test
	void parsesAlarmAndDeadLetterTopics() {
		assertThat(Topics.parse("alarms/ward-3/12")).isEqualTo(new AlarmTopic("ward-3", "12"));
		assertThat(Topics.parse("patients/p-1042/settings")).isEqualTo(new SettingsTopic("p-1042"));
		assertThat(Topics.parse("patients/p-1042/observations")).isEqualTo(new ObservationsTopic("p-1042"));
		assertThat(Topics.parse("patients/bad id/observations")).isInstanceOf(InvalidTopic.class);
		assertThat(Topics.observations("p-1042")).isEqualTo("patients/p-1042/observations");
		assertThat(Topics.OBSERVATIONS_FILTER).isEqualTo("patients/+/observations");
		assertThat(Topics.parse("ingest/rejected/wrong_type")).isEqualTo(new RejectedTopic(RejectReason.WRONG_TYPE));
	}

	@ParameterizedTest
	@EnumSource(RejectReason.class)
	void parsesWhatItBuildsForEveryReason(RejectReason reason) {
		assertThat(Topics.parse(Topics.rejected(reason))).isEqualTo(new RejectedTopic(reason));
	}

	@Test
	void roundTripsTopicRecords() {
		assertThat(new MeasurementsTopic("a").topic()).isEqualTo("devices/a/measurements");
		assertThat(new StatusTopic("a").topic()).isEqualTo("devices/a/status");
		assertThat(new EventsTopic("a").topic()).isEqualTo("devices/a/events");
		assertThat(new AssignmentTopic("a").topic()).isEqualTo("assignments/a");
		assertThat(new AlarmTopic("w", "b").topic()).isEqualTo("alarms/w/b");
		assertThat(new SettingsTopic("p").topic()).isEqualTo("patients/p/settings");
		assertThat(new RejectedTopic(RejectReason.MISSING_VALUE).topic()).isEqualTo("ingest/rejected/missing_value");
	}

	@Test
	void rejectsInvalidDeviceIdsWhenParsing() {
		for (String id : INVALID_IDS) {
			assertThat(reasonOf("devices/" + id + "/measurements")).as(id).isEqualTo(RejectReason.INVALID_DEVICE_ID);
			assertThat(reasonOf("devices/" + id + "/status")).as(id).isEqualTo(RejectReason.INVALID_DEVICE_ID);
			assertThat(reasonOf("assignments/" + id)).as(id).isEqualTo(RejectReason.INVALID_DEVICE_ID);
		}
	}

	@Test
	void rejectsInvalidWardOrBedWhenParsing() {
		assertThat(reasonOf("alarms/ward 3/12")).isEqualTo(RejectReason.INVALID_TOPIC);
		assertThat(reasonOf("alarms/ward-3/")).isEqualTo(RejectReason.INVALID_TOPIC);
		assertThat(reasonOf("alarms/ward-3/12/extra")).isEqualTo(RejectReason.INVALID_TOPIC);
		assertThat(reasonOf("patients/John Smith/settings")).isEqualTo(RejectReason.INVALID_TOPIC);
		assertThat(reasonOf("patients/p-1/settings/x")).isEqualTo(RejectReason.INVALID_TOPIC);
		assertThat(reasonOf("patients/p-1")).isEqualTo(RejectReason.INVALID_TOPIC);
	}

	@Test
	void readsADevicesIdAsWhatLiesBetweenTheFirstAndTheLastLevel() {
		assertThat(reasonOf("devices/mon/7/measurements")).isEqualTo(RejectReason.INVALID_DEVICE_ID);
		assertThat(reasonOf("devices//measurements")).isEqualTo(RejectReason.INVALID_DEVICE_ID);
		assertThat(reasonOf("devices///events")).isEqualTo(RejectReason.INVALID_DEVICE_ID);
		assertThat(Topics.parse("devices/measurements/measurements")).isEqualTo(new MeasurementsTopic("measurements"));
		assertThat(Topics.parse("devices/devices/events")).isEqualTo(new EventsTopic("devices"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "devices", "devices/mon-7", "devices/mon-7/vitals", "Devices/mon-7/status",
			"/devices/mon-7/status", "ingest/rejected/unknown_reason", "ingest/rejected/WRONG_TYPE", "alarms/w",
			"$share/ingest/devices/mon-7/measurements", "devices/measurements", "devicesx/mon-7/status",
			"devices/mon-7/measurements/", "devices/mon-7/statuses", "devices/mon-7/Events", "devices/mon-7/event" })
	void rejectsTopicsOutsideTheScheme(String topic) {
		assertThat(reasonOf(topic)).isEqualTo(RejectReason.INVALID_TOPIC);
	}

	@Test
	void rejectsNullTopicWithoutThrowing() {
		assertThat(reasonOf(null)).isEqualTo(RejectReason.INVALID_TOPIC);
	}

	@Test
	void boundsTheEchoedTopicInTheDetail() {
		ParsedTopic parsed = Topics.parse("x/".repeat(10_000));
		assertThat(parsed).isInstanceOfSatisfying(InvalidTopic.class,
				(invalid) -> assertThat(invalid.rejection().detail()).hasSizeLessThan(120));
	}

	private static RejectReason reasonOf(String topic) {
		ParsedTopic parsed = Topics.parse(topic);
		assertThat(parsed).isInstanceOf(InvalidTopic.class);
		return ((InvalidTopic) parsed).rejection().reason();
	}

}
