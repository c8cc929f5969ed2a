package care.vitals.publisher.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import care.vitals.model.codec.ContentType;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.physiology.Scenario;
import care.vitals.publisher.simulation.Mode;
import care.vitals.publisher.simulation.Settings;
import care.vitals.publisher.simulation.Simulation;
import care.vitals.publisher.simulation.SimulationSpec;
import care.vitals.publisher.simulation.SimulationState;

/**
 * A simulation as the API shows it: what was asked, what it is doing now and how fast.
 *
 * @param id the id
 * @param state running or stopped
 * @param mode realistic or load
 * @param patients number of patients
 * @param ward the ward
 * @param firstBed first bed number
 * @param lastBed last bed number
 * @param deviceKinds devices per patient
 * @param devices number of devices
 * @param devicePrefix first part of the device ids
 * @param rate messages per device per second
 * @param targetRate measurements per second over all devices
 * @param achievedRate measurements per second achieved over the last five seconds
 * @param averageRate measurements per second achieved on average since the start
 * @param published measurements published (QoS 0: written; QoS 1/2: acknowledged)
 * @param failed measurements that failed
 * @param otherMessages status and event messages sent
 * @param connectionsUp MQTT connections up
 * @param connections MQTT connections
 * @param format payload format
 * @param qos QoS of measurements
 * @param scenario current scenario
 * @param scenarioElapsed how far the scenario timeline has run
 * @param profile patient profile, {@code null} for a mixed ward
 * @param seed the seed (repeat it to get the same data)
 * @param speed timeline speed
 * @param artefactRate artefact episodes per device and minute
 * @param clockSkew largest device clock error
 * @param disconnectsPerHour network drops per device and hour
 * @param nibpInterval blood pressure interval
 * @param admit whether assignments are published
 * @param startTime timestamp of the first tick
 * @param createdAt when it was created
 * @param stoppedAt when it stopped, {@code null} while running
 */
public record SimulationView(String id, SimulationState state, Mode mode, int patients, String ward, int firstBed,
		int lastBed, List<DeviceKind> deviceKinds, int devices, String devicePrefix, double rate, double targetRate,
		double achievedRate, double averageRate, long published, long failed, long otherMessages, int connectionsUp,
		int connections, ContentType format, int qos, Scenario scenario, Duration scenarioElapsed, Profile profile,
		long seed, double speed, double artefactRate, Duration clockSkew, double disconnectsPerHour,
		Duration nibpInterval, boolean admit, Instant startTime, Instant createdAt, Instant stoppedAt) {

	static SimulationView of(Simulation simulation) {
		SimulationSpec spec = simulation.spec();
		Settings settings = simulation.settings();
		return new SimulationView(spec.id(), simulation.state(), spec.mode(), spec.patients(), spec.ward(),
				spec.firstBed(), spec.lastBed(), spec.deviceKinds(), spec.deviceCount(), spec.devicePrefix(),
				settings.rate(), round(spec.deviceCount() * settings.rate()), round(simulation.achievedRate()),
				round(simulation.averageRate()), simulation.counters().completed(), simulation.counters().failed(),
				simulation.counters().otherMessages(), simulation.connected(), simulation.connections(),
				settings.format(), settings.qos(), settings.scenario(), settings.scenarioElapsed(simulation.latest()),
				spec.profile(), spec.seed(), settings.speed(), spec.artefactRate(), spec.clockSkew(),
				spec.disconnectsPerHour(), spec.nibpInterval(), spec.admit(), simulation.origin(),
				simulation.createdAt(), simulation.stoppedAt());
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
