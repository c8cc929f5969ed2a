package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Noise;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.physiology.Scenario;

/**
 * What the simulated ward holds for one run: beds, patients, scripted courses, devices,
 * artefact rate and scripted outages, all drawn from one seed.
 *
 * @param seed the seed of everything random (profiles, onsets, devices, artefacts, noise)
 * @param origin the time of the first tick
 * @param length how long the run lasts
 * @param artefactRate artefact episodes per device and minute (the publisher's default is
 * 0.02)
 * @param beds the beds
 * @param outages the scripted network outages
 */
record WardPlan(long seed, Instant origin, Duration length, double artefactRate, List<BedPlan> beds,
		List<OutagePlan> outages) {

	/** The default seed of the benchmark (printed with the results). */
	static final long DEFAULT_SEED = 20261205L;

	static final Instant ORIGIN = Instant.parse("2026-12-01T08:00:00Z");

	/** The publisher's default artefact rate per device and minute. */
	static final double ARTEFACT_RATE = 0.02;

	/**
	 * The scripted deteriorations of the standard ward, one bed each, and one bed with an
	 * artefact storm.
	 */
	static final List<Scenario> SCRIPTED = List.of(Scenario.SEPSIS, Scenario.SEPSIS, Scenario.RESPIRATORY_DETERIORATION,
			Scenario.RESPIRATORY_DETERIORATION, Scenario.HAEMORRHAGE, Scenario.HAEMORRHAGE,
			Scenario.OPIOID_OVERSEDATION, Scenario.BRADYCARDIA_AF, Scenario.HYPOTHERMIA, Scenario.ARTEFACT_STORM);

	private static final long STREAM = 31_000_000L;

	WardPlan {
		beds = List.copyOf(beds);
		outages = List.copyOf(outages);
	}

	/**
	 * The standard ward (docs/benchmarks.md, "Alarm burden"): {@code beds} patients of a
	 * mixed ward (70 % adult, 20 % elderly, 10 % COPD), the {@link #SCRIPTED} courses on
	 * beds picked at random with scripted onsets uniform between 1 h and {@code hours} -
	 * 4 h, the others stable; every bed has a bedside monitor, about one in six also a
	 * pulse oximeter, one in six a wearable (battery 4 %/h) and one in ten a thermometer
	 * patch; six network outages of 1-20 min (log-uniform) on random devices.
	 * @param seed the seed
	 * @param beds how many beds (at least the number of scripted courses)
	 * @param hours how long, at least 6
	 * @return the plan
	 */
	static WardPlan standard(long seed, int beds, int hours) {
		List<Integer> order = shuffled(seed, beds);
		List<BedPlan> plans = new ArrayList<>();
		for (int i = 0; i < beds; i++) {
			int slot = order.indexOf(i);
			Scenario scenario = (slot < SCRIPTED.size()) ? SCRIPTED.get(slot) : Scenario.STABLE;
			Duration scenarioStart = Duration.ZERO;
			if (scenario != Scenario.STABLE) {
				double u = Noise.uniform(seed, STREAM + 1, i);
				Duration onset = Duration.ofSeconds(Math.round(3600 + u * (hours - 5) * 3600));
				scenarioStart = onset.minus(scenario.timeline().get(0).at());
			}
			plans.add(new BedPlan(i + 1, patientId(i), Profile.mixed(seed, i), scenario, scenarioStart,
					devices(seed, i)));
		}
		List<OutagePlan> outages = new ArrayList<>();
		for (int k = 0; k < 6; k++) {
			int bed = (int) (Noise.uniform(seed, STREAM + 2, 4 * k) * beds);
			int device = (int) (Noise.uniform(seed, STREAM + 2, 4 * k + 1) * plans.get(bed).devices().size());
			Duration start = Duration
				.ofSeconds(Math.round(1800 + Noise.uniform(seed, STREAM + 2, 4 * k + 2) * (hours - 1) * 3600));
			double minutes = Math.exp(Math.log(20) * Noise.uniform(seed, STREAM + 2, 4 * k + 3));
			outages.add(new OutagePlan(bed + 1, device, start, Duration.ofSeconds(Math.round(minutes * 60))));
		}
		return new WardPlan(seed, ORIGIN, Duration.ofHours(hours), ARTEFACT_RATE, plans, outages);
	}

	/**
	 * The smoke test's ward: two adults with a monitor each, no artefacts and no outages;
	 * bed 1 stable, bed 2 bleeding from 0:15 on.
	 * @return the plan
	 */
	static WardPlan smoke() {
		List<BedPlan> beds = List.of(
				new BedPlan(1, patientId(0), Profile.ADULT, Scenario.STABLE, Duration.ZERO,
						List.of(DeviceKind.BEDSIDE_MONITOR)),
				new BedPlan(2, patientId(1), Profile.ADULT, Scenario.HAEMORRHAGE, Duration.ofMinutes(5),
						List.of(DeviceKind.BEDSIDE_MONITOR)));
		return new WardPlan(DEFAULT_SEED, ORIGIN, Duration.ofHours(2), 0, beds, List.of());
	}

	private static List<DeviceKind> devices(long seed, int bed) {
		List<DeviceKind> kinds = new ArrayList<>(List.of(DeviceKind.BEDSIDE_MONITOR));
		double u = Noise.uniform(seed, STREAM + 3, bed);
		if (u < 1 / 6.0) {
			kinds.add(DeviceKind.PULSE_OXIMETER);
		}
		else if (u < 2 / 6.0) {
			kinds.add(DeviceKind.WEARABLE);
		}
		if (Noise.uniform(seed, STREAM + 4, bed) < 0.1) {
			kinds.add(DeviceKind.THERMOMETER);
		}
		return kinds;
	}

	private static List<Integer> shuffled(long seed, int beds) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < beds; i++) {
			order.add(i);
		}
		for (int i = beds - 1; i > 0; i--) {
			int j = (int) (Noise.uniform(seed, STREAM, i) * (i + 1));
			Integer swap = order.get(i);
			order.set(i, order.get(j));
			order.set(j, swap);
		}
		return order;
	}

	private static String patientId(int index) {
		return String.format("burden-patient-%03d", index + 1);
	}

}
