package care.vitals.publisher.simulation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.codec.Decoded;
import care.vitals.model.codec.MeasurementDecoder;
import care.vitals.model.reading.Reading;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.mqtt.OutboundMessage;
import care.vitals.publisher.physiology.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verifies the simulation engine (devices, schedule, backlog, admissions) on a virtual
 * ticker with recording links.
 */
class SimulationEngineTests {

	private final MeasurementDecoder decoder = new MeasurementDecoder(
			new DecodeLimits(65_536, 1000, 8, Duration.ofMinutes(5), Duration.ofDays(36_500)),
			java.time.Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));

	@Test
	void sameSeedGivesExactlyTheSameMessages() {
		SimulationRequest request = withKinds(TestEngine.request(3), DeviceKind.values(), Scenario.SEPSIS, 0.5, 60.0);
		List<String> first = run(request, Duration.ofMinutes(5));
		List<String> second = run(request, Duration.ofMinutes(5));
		assertThat(first).hasSizeGreaterThan(1000).isEqualTo(second);
		List<String> otherSeed = run(withSeed(request, 43), Duration.ofMinutes(5));
		assertThat(otherSeed).isNotEqualTo(first);
	}

	@Test
	void ticksAreStampedOnTheScheduleAndSpreadOverThePeriod() {
		TestEngine engine = TestEngine.recording();
		engine.service.create(TestEngine.request(4));
		engine.ticker.advance(Duration.ofSeconds(3));
		List<Reading> readings = readings(engine, "devices/sim-sim1-monitor-001/");
		assertThat(readings).extracting(Reading::timestamp)
			.containsExactly(TestEngine.START, TestEngine.START.plusSeconds(1), TestEngine.START.plusSeconds(2),
					TestEngine.START.plusSeconds(3));
		assertThat(readings).extracting(Reading::sequence).containsExactly(0L, 1L, 2L, 3L);
		assertThat(readings(engine, "devices/sim-sim1-monitor-002/").get(0).timestamp())
			.isEqualTo(TestEngine.START.plusMillis(250));
	}

	@Test
	void outageSendsTheWillThenBackfillsInOrderWithOriginalTimestamps() {
		TestEngine engine = TestEngine.recording();
		SimulationRequest request = withKinds(TestEngine.request(1), new DeviceKind[] { DeviceKind.PULSE_OXIMETER },
				Scenario.STABLE, 0.0, 1.0);
		engine.service.create(request);
		engine.ticker.advance(Duration.ofSeconds(9));
		engine.service.outage("sim1", "sim-sim1-oximeter-001", Duration.ofSeconds(5));
		engine.ticker.advance(Duration.ofSeconds(20));
		assertThat(engine.log).containsSubsequence("sim-sim1-oximeter-001 connected", "sim-sim1-oximeter-001 dropped",
				"sim-sim1-oximeter-001 connected");
		List<Reading> readings = readings(engine, "devices/sim-sim1-oximeter-001/measurements");
		assertThat(readings).hasSize(30);
		for (int i = 0; i < readings.size(); i++) {
			assertThat(readings.get(i).sequence()).isEqualTo(i);
			assertThat(readings.get(i).timestamp()).isEqualTo(TestEngine.START.plusSeconds(i));
		}
		List<String> statusAndMeasurements = engine.topicsAndPayloads("devices/sim-sim1-oximeter-001/")
			.stream()
			.map((line) -> line.contains("/status") ? "status" : "m")
			.toList();
		// online, 10 live readings, (outage: 5 buffered), online again, backfill + live
		assertThat(statusAndMeasurements.get(0)).isEqualTo("status");
		assertThat(statusAndMeasurements.get(11)).isEqualTo("status");
		assertThat(statusAndMeasurements.subList(12, statusAndMeasurements.size())).containsOnly("m");
	}

	@Test
	void dischargedPatientSendsNoMeasurementsAndAdmissionResumesThem() {
		TestEngine engine = TestEngine.recording();
		engine.service.create(TestEngine.request(2));
		engine.ticker.advance(Duration.ofSeconds(4));
		engine.service.discharge("sim1", 0);
		int before = readings(engine, "devices/sim-sim1-monitor-001/").size();
		engine.ticker.advance(Duration.ofSeconds(10));
		assertThat(readings(engine, "devices/sim-sim1-monitor-001/")).hasSize(before);
		assertThat(engine.topicsAndPayloads("assignments/sim-sim1-monitor-001")).last()
			.isEqualTo("assignments/sim-sim1-monitor-001 ");
		engine.service.admit("sim1", 0);
		engine.ticker.advance(Duration.ofSeconds(3));
		assertThat(readings(engine, "devices/sim-sim1-monitor-001/")).hasSize(before + 3);
		assertThat(engine.topicsAndPayloads("assignments/sim-sim1-monitor-001")).last()
			.asString()
			.contains("\"patient\":\"sim-sim1-patient-001\"", "\"ward\":\"sim-ward\"", "\"bed\":\"1\"");
		assertThatExceptionOfType(SimulationConflictException.class).isThrownBy(() -> engine.service.admit("sim1", 0));
		assertThatExceptionOfType(SimulationNotFoundException.class).isThrownBy(() -> engine.service.admit("sim1", 2));
	}

	@Test
	void stopReportsEveryDeviceOfflineAndDischargesThePatients() {
		TestEngine engine = TestEngine.recording();
		engine.service.create(withKinds(TestEngine.request(2),
				new DeviceKind[] { DeviceKind.BEDSIDE_MONITOR, DeviceKind.WEARABLE }, Scenario.STABLE, 0.0, 1.0));
		engine.ticker.advance(Duration.ofSeconds(2));
		Simulation stopped = engine.service.stop("sim1");
		assertThat(stopped.state()).isEqualTo(SimulationState.STOPPED);
		assertThat(engine.topicsAndPayloads("devices/").stream().filter((line) -> line.contains("\"online\":false")))
			.hasSize(4);
		assertThat(engine.topicsAndPayloads("assignments/")).filteredOn((line) -> line.endsWith(" ")).hasSize(4);
		assertThat(engine.log).filteredOn((line) -> line.endsWith("closed")).hasSize(5 - 1);
		engine.ticker.advance(Duration.ofSeconds(5));
		assertThat(engine.topicsAndPayloads("devices/sim-sim1-monitor-001/measurements")).hasSize(3);
		assertThatExceptionOfType(SimulationConflictException.class).isThrownBy(() -> engine.service.stop("sim1"));
	}

	@Test
	void rateChangeReschedulesAndScenarioChangeRestartsTheTimeline() {
		TestEngine engine = TestEngine.recording();
		engine.service.create(TestEngine.request(1));
		engine.ticker.advance(Duration.ofSeconds(2));
		engine.service.change("sim1", new SimulationChange(4.0, null, null, Scenario.HYPOTHERMIA, null));
		engine.ticker.advance(Duration.ofSeconds(1));
		List<Reading> readings = readings(engine, "devices/sim-sim1-monitor-001/");
		assertThat(readings).extracting(Reading::timestamp)
			.containsExactly(TestEngine.START, TestEngine.START.plusSeconds(1), TestEngine.START.plusSeconds(2),
					TestEngine.START.plusMillis(2250), TestEngine.START.plusMillis(2500),
					TestEngine.START.plusMillis(2750), TestEngine.START.plusMillis(3000));
		assertThat(engine.service.get("sim1").settings().scenarioStart()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void conflictingIdsBedsAndDevicesAreRefused() {
		TestEngine engine = TestEngine.recording();
		engine.service.create(TestEngine.request(5));
		SimulationRequest sameId = new SimulationRequest("sim1", null, 1, "other-ward", null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null);
		assertThatExceptionOfType(SimulationConflictException.class).isThrownBy(() -> engine.service.create(sameId))
			.withMessageContaining("sim1");
		SimulationRequest sameBeds = new SimulationRequest("b", null, 1, "sim-ward", 5, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null);
		assertThatExceptionOfType(SimulationConflictException.class).isThrownBy(() -> engine.service.create(sameBeds))
			.withMessageContaining("Beds 5-5");
		SimulationRequest sameDevices = new SimulationRequest("c", null, 1, "other-ward", null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, "sim-sim1", null);
		assertThatExceptionOfType(SimulationConflictException.class)
			.isThrownBy(() -> engine.service.create(sameDevices))
			.withMessageContaining("sim-sim1-monitor-001");
		SimulationRequest elsewhere = new SimulationRequest("d", null, 1, "sim-ward", 6, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null);
		assertThat(engine.service.create(elsewhere).id()).isEqualTo("d");
		assertThat(engine.service.list()).extracting(Simulation::id).containsExactly("sim1", "d");
	}

	/**
	 * Every simulated device and patient id starts with {@code sim-}, the prefix no real
	 * device may have: by default ({@code sim-} and the simulation id), with the prefix
	 * {@code sim} or {@code sim-...}; any other prefix is refused and nothing starts.
	 */
	@Test
	void everyDeviceAndPatientIdLiesInsideTheReservedPrefix() {
		TestEngine engine = TestEngine.recording();
		engine.service.create(withPrefix(TestEngine.request(1), null, "ward7"));
		engine.service.create(withPrefix(TestEngine.request(1), "sim", "sim"));
		engine.service.create(withPrefix(TestEngine.request(1), "sim-demo.3", "demo3"));
		engine.ticker.advance(Duration.ofSeconds(3));
		assertThat(engine.topicsAndPayloads("assignments/")).extracting((line) -> line.substring(0, line.indexOf(' ')))
			.containsOnly("assignments/sim-ward7-monitor-001", "assignments/sim-monitor-001",
					"assignments/sim-demo.3-monitor-001");
		assertThat(engine.topicsAndPayloads("assignments/")).allSatisfy(
				(line) -> assertThat(line).containsPattern("\"patient\":\"sim-(ward7-|demo\\.3-)?patient-001\""));
		assertThat(engine.topicsAndPayloads("devices/")).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).startsWith("devices/sim-"));

		for (String prefix : List.of("bed3", "simulator", "SIM-x", "ward-a-sim-")) {
			assertThatExceptionOfType(InvalidRequestException.class)
				.isThrownBy(() -> engine.service.create(withPrefix(TestEngine.request(1), prefix, "x")))
				.satisfies((ex) -> assertThat(ex.errors()).containsOnlyKeys("devicePrefix")
					.extractingByKey("devicePrefix")
					.asString()
					.contains("sim-", "no real device"));
		}
		assertThat(engine.service.list()).extracting(Simulation::id).containsExactly("ward7", "sim", "demo3");
	}

	@Test
	void everyPayloadDecodesWithTheSharedDecoder() {
		for (String format : List.of("COMPACT_JSON", "SENML_JSON")) {
			TestEngine engine = TestEngine.recording();
			SimulationRequest request = withKinds(TestEngine.request(3), DeviceKind.values(), Scenario.ARTEFACT_STORM,
					0.3, 1.0);
			engine.service.create(request);
			engine.service.change("sim1",
					new SimulationChange(null, care.vitals.model.codec.ContentType.valueOf(format), null, null, null));
			engine.ticker.advance(Duration.ofMinutes(10));
			List<Reading> readings = readings(engine, "devices/");
			assertThat(readings).hasSizeGreaterThan(10 * 60 * 12);
		}
	}

	private List<String> run(SimulationRequest request, Duration duration) {
		TestEngine engine = TestEngine.recording();
		engine.service.create(request);
		engine.ticker.advance(duration);
		engine.service.stop("sim1");
		return engine.topicsAndPayloads("");
	}

	private List<Reading> readings(TestEngine engine, String topicPrefix) {
		List<Reading> readings = new ArrayList<>();
		for (OutboundMessage message : engine.published) {
			if (message.topic().startsWith(topicPrefix) && message.topic().endsWith("/measurements")) {
				String deviceId = message.topic().split("/")[1];
				var result = this.decoder.decode(deviceId, message.payload(), message.contentType(), null);
				assertThat(result).as(new String(message.payload(), StandardCharsets.UTF_8))
					.isInstanceOf(Decoded.class);
				readings.addAll(((Decoded) result).readings());
			}
		}
		return readings;
	}

	static SimulationRequest withKinds(SimulationRequest r, DeviceKind[] kinds, Scenario scenario, double artefactRate,
			double speed) {
		return new SimulationRequest(r.id(), r.mode(), r.patients(), r.ward(), r.firstBed(), r.lastBed(),
				List.of(kinds), r.rate(), r.format(), r.qos(), scenario, r.profile(), r.seed(), speed, r.startTime(),
				artefactRate, r.clockSkew(), r.disconnectsPerHour(), r.nibpInterval(), r.connections(),
				r.devicePrefix(), r.admit());
	}

	static SimulationRequest withPrefix(SimulationRequest r, String prefix, String id) {
		return new SimulationRequest(id, r.mode(), r.patients(), "ward-" + id, r.firstBed(), r.lastBed(),
				r.deviceKinds(), r.rate(), r.format(), r.qos(), r.scenario(), r.profile(), r.seed(), r.speed(),
				r.startTime(), r.artefactRate(), r.clockSkew(), r.disconnectsPerHour(), r.nibpInterval(),
				r.connections(), prefix, r.admit());
	}

	static SimulationRequest withSeed(SimulationRequest r, long seed) {
		return new SimulationRequest(r.id(), r.mode(), r.patients(), r.ward(), r.firstBed(), r.lastBed(),
				r.deviceKinds(), r.rate(), r.format(), r.qos(), r.scenario(), r.profile(), seed, r.speed(),
				r.startTime(), r.artefactRate(), r.clockSkew(), r.disconnectsPerHour(), r.nibpInterval(),
				r.connections(), r.devicePrefix(), r.admit());
	}

}
