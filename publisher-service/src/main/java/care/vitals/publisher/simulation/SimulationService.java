package care.vitals.publisher.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.device.DeviceModel;

/**
 * Creates, lists, changes and stops simulations, admits and discharges their patients,
 * and stops them all cleanly at shutdown (devices report offline, patients are
 * discharged).
 */
public class SimulationService implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SimulationService.class);

	private final SimulationProperties properties;

	private final SpecResolver resolver;

	private final SimulationFactory factory;

	private final AssignmentPublisher assignments;

	private final SimulationMetrics metrics;

	private final Clock clock;

	private final Map<String, Simulation> simulations = new LinkedHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private volatile boolean running;

	private long lastReport = System.nanoTime();

	SimulationService(SimulationProperties properties, SimulationFactory factory, AssignmentPublisher assignments,
			SimulationMetrics metrics, Clock clock) {
		this.properties = properties;
		this.resolver = new SpecResolver(properties);
		this.factory = factory;
		this.assignments = assignments;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Starts a simulation.
	 * @param request the request
	 * @return the running simulation
	 * @throws InvalidRequestException if the request cannot be carried out
	 * @throws SimulationConflictException if its id, devices or beds are in use
	 */
	public synchronized Simulation create(SimulationRequest request) {
		SimulationSpec spec = this.resolver.resolve(request, this::nextId);
		checkConflicts(spec);
		List<Patient> patients = SimulationFactory.patients(spec);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Instant origin = (spec.startTime() != null) ? spec.startTime().truncatedTo(ChronoUnit.MILLIS) : now;
		Simulation simulation = new Simulation(spec, patients, origin, now);
		SimulationRun run = this.factory.run(simulation);
		simulation.attach(run);
		this.simulations.remove(spec.id());
		this.simulations.put(spec.id(), simulation);
		evictHistory();
		patients.forEach((patient) -> admit(simulation, patient, now));
		run.start();
		this.metrics.register(simulation);
		logger.info("simulation " + spec.id() + " started: " + spec.mode() + ", " + spec.patients() + " patients, "
				+ spec.deviceCount() + " devices, target " + Math.round(spec.targetRate()) + " msg/s, scenario "
				+ spec.scenario() + ", seed " + spec.seed());
		return simulation;
	}

	/**
	 * Lists the simulations, running and recently stopped.
	 * @return the simulations in order of creation
	 */
	public synchronized List<Simulation> list() {
		return List.copyOf(this.simulations.values());
	}

	/**
	 * Returns a simulation.
	 * @param id the id
	 * @return the simulation
	 * @throws SimulationNotFoundException if there is none with that id
	 */
	public synchronized Simulation get(String id) {
		Simulation simulation = this.simulations.get(id);
		if (simulation == null) {
			throw new SimulationNotFoundException("No simulation with id '" + id + "'.");
		}
		return simulation;
	}

	/**
	 * Changes a running simulation.
	 * @param id the id
	 * @param change what to change
	 * @return the simulation
	 */
	public synchronized Simulation change(String id, SimulationChange change) {
		Simulation simulation = running(id);
		if (change.isEmpty()) {
			throw new InvalidRequestException("Nothing to change.",
					Map.of("body", "give at least one of rate, format, qos, scenario, speed"));
		}
		Settings before = simulation.settings();
		double rate = (change.rate() != null) ? change.rate() : before.rate();
		if (simulation.spec().mode() == Mode.REALISTIC
				&& simulation.spec().deviceCount() * rate > this.properties.maxRealisticRate()) {
			throw new InvalidRequestException("The rate is too high for realistic mode.",
					Map.of("rate", "realistic mode is limited to " + (long) this.properties.maxRealisticRate()
							+ " messages per second"));
		}
		Duration scenarioStart = (change.scenario() != null) ? simulation.latest() : before.scenarioStart();
		Settings after = new Settings(rate, (change.format() != null) ? change.format() : before.format(),
				(change.qos() != null) ? change.qos() : before.qos(),
				(change.scenario() != null) ? change.scenario() : before.scenario(), scenarioStart,
				(change.speed() != null) ? change.speed() : before.speed());
		simulation.change(after);
		simulation.run().changed(before, after);
		logger.info("simulation " + id + " changed: " + after);
		return simulation;
	}

	/**
	 * Stops a simulation: devices report offline and disconnect, patients are discharged.
	 * @param id the id
	 * @return the stopped simulation
	 * @throws SimulationConflictException if it is already stopped
	 */
	public Simulation stop(String id) {
		Simulation simulation;
		synchronized (this) {
			simulation = running(id);
		}
		stop(simulation);
		return simulation;
	}

	private void stop(Simulation simulation) {
		if (!simulation.markStopped(this.clock.instant())) {
			return;
		}
		simulation.run().stop();
		for (Patient patient : simulation.patients()) {
			if (patient.admitted()) {
				discharge(simulation, patient);
			}
		}
		logger.info("simulation " + simulation.id() + " stopped: " + simulation.counters().completed()
				+ " measurements published, " + simulation.counters().failed() + " failed");
	}

	/**
	 * Admits a discharged patient again: assignments are published, devices resume.
	 * @param id the simulation id
	 * @param index the patient index
	 * @return the patient
	 */
	public synchronized Patient admit(String id, int index) {
		Simulation simulation = running(id);
		Patient patient = patient(simulation, index);
		if (patient.admitted()) {
			throw new SimulationConflictException("Patient " + index + " is already admitted.");
		}
		admit(simulation, patient, this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		return patient;
	}

	/**
	 * Discharges a patient: assignments are cleared, devices stop measuring.
	 * @param id the simulation id
	 * @param index the patient index
	 * @return the patient
	 */
	public synchronized Patient discharge(String id, int index) {
		Simulation simulation = running(id);
		Patient patient = patient(simulation, index);
		if (!patient.admitted()) {
			throw new SimulationConflictException("Patient " + index + " is already discharged.");
		}
		discharge(simulation, patient);
		return patient;
	}

	/**
	 * Cuts a device's network for a while (realistic mode): the broker publishes its Last
	 * Will; its readings are buffered and backfilled once it reconnects.
	 * @param id the simulation id
	 * @param deviceId the device
	 * @param length how long
	 * @return the device
	 */
	public synchronized DeviceInfo outage(String id, String deviceId, Duration length) {
		Simulation simulation = running(id);
		if (!(simulation.run() instanceof RealisticRun realistic)) {
			throw new SimulationConflictException("Outages need realistic mode (one connection per device).");
		}
		SimulatedDevice device = realistic.device(deviceId);
		if (device == null) {
			throw new SimulationNotFoundException("No device '" + deviceId + "' in simulation '" + id + "'.");
		}
		device.outage(length);
		return info(device);
	}

	/**
	 * Returns a page of the devices of a simulation, in device order (patient by
	 * patient).
	 * @param id the simulation id
	 * @param offset the index of the first device
	 * @param limit the most devices to return
	 * @return the devices
	 */
	public List<DeviceInfo> devices(String id, int offset, int limit) {
		Simulation simulation = get(id);
		List<DeviceInfo> devices = new ArrayList<>();
		int end = (int) Math.min(simulation.spec().deviceCount(), (long) offset + limit);
		if (simulation.run() instanceof RealisticRun realistic) {
			for (int i = offset; i < end; i++) {
				devices.add(info(realistic.devices().get(i)));
			}
			return devices;
		}
		int perPatient = simulation.spec().deviceKinds().size();
		for (int i = offset; i < end; i++) {
			DeviceModel model = this.factory.model(simulation.spec(), simulation.patients().get(i / perPatient), i);
			devices.add(new DeviceInfo(model.deviceId(), model.kind(), i / perPatient, null, null, 0, 0, 0, null,
					model.skew().toMillis()));
		}
		return devices;
	}

	private static DeviceInfo info(SimulatedDevice device) {
		DeviceModel model = device.model();
		return new DeviceInfo(model.deviceId(), model.kind(), device.patient().index(), device.connected(),
				device.sequence(), device.backlogSize(), device.backfilled(), device.lost(), device.battery(),
				model.skew().toMillis());
	}

	private void admit(Simulation simulation, Patient patient, Instant since) {
		var assignment = patient.admit(since);
		if (!simulation.spec().admit()) {
			return;
		}
		for (DeviceKind kind : simulation.spec().deviceKinds()) {
			this.assignments.admit(deviceId(simulation, patient, kind), assignment);
		}
	}

	private void discharge(Simulation simulation, Patient patient) {
		patient.discharge();
		if (!simulation.spec().admit()) {
			return;
		}
		for (DeviceKind kind : simulation.spec().deviceKinds()) {
			this.assignments.discharge(deviceId(simulation, patient, kind));
		}
	}

	private static String deviceId(Simulation simulation, Patient patient, DeviceKind kind) {
		SimulationSpec spec = simulation.spec();
		return SpecResolver.deviceId(spec.devicePrefix(), kind, patient.index(), spec.patients());
	}

	private static Patient patient(Simulation simulation, int index) {
		if (index < 0 || index >= simulation.patients().size()) {
			throw new SimulationNotFoundException("No patient " + index + " in simulation '" + simulation.id() + "' (0-"
					+ (simulation.patients().size() - 1) + ").");
		}
		return simulation.patients().get(index);
	}

	private Simulation running(String id) {
		Simulation simulation = get(id);
		if (simulation.state() != SimulationState.RUNNING) {
			throw new SimulationConflictException("Simulation '" + id + "' is already stopped.");
		}
		return simulation;
	}

	private String nextId() {
		String id;
		do {
			id = "sim" + this.ids.incrementAndGet();
		}
		while (this.simulations.containsKey(id));
		return id;
	}

	private void checkConflicts(SimulationSpec spec) {
		Simulation existing = this.simulations.get(spec.id());
		if (existing != null && existing.state() == SimulationState.RUNNING) {
			throw new SimulationConflictException("A simulation with id '" + spec.id() + "' is running.");
		}
		Set<String> ids = deviceIds(spec);
		for (Simulation other : this.simulations.values()) {
			if (other.state() != SimulationState.RUNNING) {
				continue;
			}
			SimulationSpec o = other.spec();
			if (o.ward().equals(spec.ward()) && o.firstBed() <= spec.lastBed() && spec.firstBed() <= o.lastBed()
					&& (o.admit() && spec.admit())) {
				throw new SimulationConflictException("Beds " + spec.firstBed() + "-" + spec.lastBed() + " of ward '"
						+ spec.ward() + "' overlap simulation '" + o.id() + "' (beds " + o.firstBed() + "-"
						+ o.lastBed() + ").");
			}
			for (String deviceId : deviceIds(o)) {
				if (ids.contains(deviceId)) {
					throw new SimulationConflictException(
							"Device '" + deviceId + "' is already simulated by '" + o.id() + "'.");
				}
			}
		}
	}

	private static Set<String> deviceIds(SimulationSpec spec) {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < spec.patients(); i++) {
			for (DeviceKind kind : spec.deviceKinds()) {
				ids.add(SpecResolver.deviceId(spec.devicePrefix(), kind, i, spec.patients()));
			}
		}
		return ids;
	}

	private void evictHistory() {
		List<String> stopped = new ArrayList<>();
		this.simulations.forEach((id, simulation) -> {
			if (simulation.state() == SimulationState.STOPPED) {
				stopped.add(id);
			}
		});
		for (int i = 0; i < stopped.size() - this.properties.history(); i++) {
			this.metrics.remove(this.simulations.remove(stopped.get(i)));
		}
	}

	/**
	 * Samples the achieved rates; logs them every report interval. Called every second.
	 */
	void report() {
		try {
			sampleAndLog();
		}
		catch (RuntimeException ex) {
			// An exception would end the periodic sampling for good.
			logger.warn("rate sampling failed", ex);
		}
	}

	private void sampleAndLog() {
		long now = System.nanoTime();
		boolean log = now - this.lastReport >= this.properties.reportInterval().toNanos();
		if (log) {
			this.lastReport = now;
		}
		for (Simulation simulation : list()) {
			if (simulation.state() != SimulationState.RUNNING) {
				continue;
			}
			simulation.sampleRate(now);
			if (log) {
				logger.info(String.format(
						"simulation %s: target %.0f msg/s, achieved %.0f msg/s (average %.0f), "
								+ "%d measurements, %d failed, %d/%d connections up",
						simulation.id(), simulation.spec().deviceCount() * simulation.settings().rate(),
						simulation.achievedRate(), simulation.averageRate(), simulation.counters().completed(),
						simulation.counters().failed(), simulation.connected(), simulation.connections()));
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		List<Simulation> all = list();
		for (Simulation simulation : all) {
			stop(simulation);
		}
		this.assignments.drain();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops after the web server (no new requests) and before the control connection
	 * (which publishes the discharges).
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1536;
	}

}
