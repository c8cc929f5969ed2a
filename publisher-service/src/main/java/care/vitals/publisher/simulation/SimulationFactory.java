package care.vitals.publisher.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.device.DeviceModel;
import care.vitals.publisher.device.Payloads;
import care.vitals.publisher.mqtt.LinkFactory;
import care.vitals.publisher.mqtt.MqttLink;
import care.vitals.publisher.physiology.Artefacts;
import care.vitals.publisher.physiology.PatientModel;
import care.vitals.publisher.physiology.Physiology;

/**
 * Builds the patients, device models and connections of a simulation from its spec.
 */
final class SimulationFactory {

	private final SimulationProperties properties;

	private final Physiology physiology;

	private final Payloads payloads;

	private final LinkFactory links;

	private final Ticker ticker;

	private final Executor connector;

	SimulationFactory(SimulationProperties properties, Physiology physiology, Payloads payloads, LinkFactory links,
			Ticker ticker, Executor connector) {
		this.connector = connector;
		this.properties = properties;
		this.physiology = physiology;
		this.payloads = payloads;
		this.links = links;
		this.ticker = ticker;
	}

	static List<Patient> patients(SimulationSpec spec) {
		List<Patient> patients = new ArrayList<>(spec.patients());
		for (int i = 0; i < spec.patients(); i++) {
			patients.add(new Patient(i, SpecResolver.patientId(spec.devicePrefix(), i, spec.patients()), spec.ward(),
					spec.firstBed() + i, PatientModel.of(spec.seed(), i, spec.profile())));
		}
		return patients;
	}

	/**
	 * Returns the device models, patient by patient and, within a patient, in the order
	 * of the requested kinds; the position in this list is the device index.
	 */
	List<DeviceModel> models(SimulationSpec spec, List<Patient> patients) {
		List<DeviceModel> models = new ArrayList<>(spec.deviceCount());
		for (Patient patient : patients) {
			for (int k = 0; k < spec.deviceKinds().size(); k++) {
				models.add(model(spec, patient, models.size()));
			}
		}
		return models;
	}

	/**
	 * Returns the model of the device with a given index.
	 */
	DeviceModel model(SimulationSpec spec, Patient patient, int index) {
		DeviceKind kind = spec.deviceKinds().get(index % spec.deviceKinds().size());
		String id = SpecResolver.deviceId(spec.devicePrefix(), kind, patient.index(), spec.patients());
		return new DeviceModel(id, kind, index, patient.model(), patient.bed(), this.physiology,
				new Artefacts(spec.artefactRate()), spec.nibpInterval(), spec.clockSkew());
	}

	SimulationRun run(Simulation simulation) {
		SimulationSpec spec = simulation.spec();
		List<DeviceModel> models = models(spec, simulation.patients());
		if (spec.mode() == Mode.LOAD) {
			List<MqttLink> shared = new ArrayList<>();
			for (int c = 0; c < Math.min(spec.connections(), models.size()); c++) {
				shared.add(this.links.shared("publisher-" + spec.id() + "-load-" + c, this.properties.loadWindow(),
						simulation.counters()));
			}
			return new LoadRun(simulation, models, shared, this.payloads);
		}
		Outages outages = new Outages(spec.disconnectsPerHour());
		int perPatient = spec.deviceKinds().size();
		List<SimulatedDevice> devices = new ArrayList<>(models.size());
		ScheduledExecutorService threads = this.links.devicePool("sim-" + spec.id() + "-mqtt", models.size());
		for (int i = 0; i < models.size(); i++) {
			DeviceModel model = models.get(i);
			MqttLink link = this.links.device(model.deviceId(), this.payloads.will(model.deviceId()),
					simulation.counters(), threads);
			devices.add(new SimulatedDevice(model, simulation.patients().get(i / perPatient), i, link, this.payloads,
					outages, this.properties.statusInterval(), this.properties.maxBacklog()));
		}
		return new RealisticRun(simulation, devices, this.ticker, this.links.connectConcurrency(), threads,
				this.connector);
	}

}
