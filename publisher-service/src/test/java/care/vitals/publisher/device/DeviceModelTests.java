package care.vitals.publisher.device;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.vitals.model.device.DeviceEvent;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Reading;
import care.vitals.publisher.physiology.Artefacts;
import care.vitals.publisher.physiology.Moment;
import care.vitals.publisher.physiology.PatientModel;
import care.vitals.publisher.physiology.Physiology;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.physiology.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies what each device kind reports: parameters, intermittent blood pressure,
 * probe-off events around missing values, dropouts, battery, robot course, clock skew.
 */
class DeviceModelTests {

	private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

	private final Physiology physiology = new Physiology(ZoneOffset.UTC);

	private final PatientModel patient = PatientModel.of(5, 0, Profile.ADULT);

	@Test
	void monitorMeasuresContinuouslyAndBloodPressureAtItsInterval() {
		DeviceModel monitor = device(DeviceKind.BEDSIDE_MONITOR, 0, Duration.ZERO);
		List<Sample> samples = run(monitor, Scenario.STABLE, 120);
		assertThat(samples).allSatisfy((sample) -> assertThat(sample.reading().values())
			.containsKeys(Parameter.HEART_RATE, Parameter.SPO2, Parameter.RESP_RATE, Parameter.TEMPERATURE));
		List<Integer> withPressure = new ArrayList<>();
		for (int s = 0; s < samples.size(); s++) {
			if (samples.get(s).reading().values().containsKey(Parameter.SYSTOLIC_BP)) {
				withPressure.add(s);
			}
		}
		assertThat(withPressure).containsExactly(0, 60);
		Reading first = samples.get(0).reading();
		assertThat(first.oxygen()).isFalse();
		assertThat(first.values().get(Parameter.MEAN_BP)).isEqualTo(Math
			.round((first.values().get(Parameter.SYSTOLIC_BP) + 2 * first.values().get(Parameter.DIASTOLIC_BP)) / 3.0)
				* 1.0);
	}

	@Test
	void probeOffRemovesValuesBetweenItsEvents() {
		DeviceModel oximeter = new DeviceModel("oxi-1", DeviceKind.PULSE_OXIMETER, 2, this.patient, 1, this.physiology,
				new Artefacts(0.9), Duration.ofMinutes(15), Duration.ZERO);
		List<Sample> samples = run(oximeter, Scenario.STABLE, 3600);
		boolean off = false;
		int episodes = 0;
		for (Sample sample : samples) {
			for (DeviceEvent event : sample.events()) {
				if (event.kind().equals("probe_off")) {
					assertThat(off).isFalse();
					off = true;
					episodes++;
					assertThat(event.details()).containsEntry("sensor", "spo2");
				}
				else if (event.kind().equals("probe_on")) {
					assertThat(off).isTrue();
					off = false;
				}
			}
			if (off) {
				assertThat(sample.reading()).isNull();
			}
		}
		assertThat(episodes).isGreaterThan(3);
		assertThat(samples).anyMatch(Sample::dropped);
	}

	@Test
	void batteryDrainsAndWarnsOnceWhenLow() {
		DeviceModel wearable = device(DeviceKind.WEARABLE, 1, Duration.ZERO);
		Moment start = moment(Duration.ZERO);
		Moment late = moment(Duration.ofHours(20));
		assertThat(wearable.battery(start)).isBetween(60.0, 100.0);
		assertThat(wearable.battery(late)).isLessThan(wearable.battery(start) - 50);
		int warnings = 0;
		Moment previous = null;
		for (int minute = 0; minute < 30 * 60; minute++) {
			Moment now = moment(Duration.ofMinutes(minute));
			warnings += (int) wearable.sample(Scenario.STABLE, now, previous, minute)
				.events()
				.stream()
				.filter((event) -> event.kind().equals("battery_low"))
				.count();
			previous = now;
		}
		assertThat(warnings).isEqualTo(1);
		assertThat(device(DeviceKind.BEDSIDE_MONITOR, 0, Duration.ZERO).battery(late)).isNull();
	}

	@Test
	void robotReportsTaskErrorPositionAndBattery() {
		DeviceModel robot = device(DeviceKind.CARE_ROBOT, 4, Duration.ZERO);
		List<Sample> samples = new ArrayList<>();
		Moment previous = null;
		for (int minute = 0; minute < 8 * 60; minute++) {
			Moment now = moment(Duration.ofMinutes(minute));
			samples.add(robot.sample(Scenario.STABLE, now, previous, minute));
			previous = now;
		}
		assertThat(samples).allSatisfy((sample) -> {
			Reading reading = sample.reading();
			assertThat(reading.values()).containsOnlyKeys(DeviceKind.CARE_ROBOT.parameters());
			reading.values().forEach((parameter, value) -> assertThat(parameter.isPlausible(value)).isTrue());
		});
		assertThat(samples).anyMatch((s) -> s.reading().values().get(Parameter.ROBOT_TASK) == CareRobot.CHARGING);
		assertThat(samples).anyMatch((s) -> s.reading().values().get(Parameter.ROBOT_ERROR) != 0);
		assertThat(samples).anyMatch((s) -> s.events().stream().anyMatch((e) -> e.kind().equals("error")));
	}

	@Test
	void clockSkewShiftsEveryTimestampOfTheDevice() {
		DeviceModel skewed = device(DeviceKind.THERMOMETER, 3, Duration.ofSeconds(30));
		assertThat(skewed.skew().abs()).isLessThanOrEqualTo(Duration.ofSeconds(30)).isNotEqualTo(Duration.ZERO);
		Sample sample = skewed.sample(Scenario.STABLE, moment(Duration.ZERO), null, 0);
		assertThat(sample.reading().timestamp()).isEqualTo(START.plus(skewed.skew()));
		assertThat(sample.reading().values()).containsOnlyKeys(Parameter.TEMPERATURE);
	}

	private DeviceModel device(DeviceKind kind, int index, Duration maxSkew) {
		return new DeviceModel("dev-" + index, kind, index, this.patient, 3, this.physiology, new Artefacts(0),
				Duration.ofMinutes(1), maxSkew);
	}

	private List<Sample> run(DeviceModel device, Scenario scenario, int seconds) {
		List<Sample> samples = new ArrayList<>();
		Moment previous = null;
		for (int s = 0; s < seconds; s++) {
			Moment now = moment(Duration.ofSeconds(s));
			samples.add(device.sample(scenario, now, previous, s));
			previous = now;
		}
		return samples;
	}

	private static Moment moment(Duration sinceStart) {
		return new Moment(sinceStart, sinceStart, START.plus(sinceStart));
	}

}
