package care.vitals.publisher.api;

import java.time.Duration;
import java.util.List;

import care.vitals.model.parameter.Parameter;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Phase;
import care.vitals.publisher.physiology.Scenario;
import care.vitals.publisher.physiology.Shift;

/**
 * Views of the scenario and device catalogues.
 */
final class CatalogueView {

	private CatalogueView() {
	}

	/**
	 * A scenario and its timeline.
	 *
	 * @param name the scenario
	 * @param timeline the phases
	 */
	record ScenarioView(Scenario name, List<PhaseView> timeline) {

		static ScenarioView of(Scenario scenario) {
			return new ScenarioView(scenario, scenario.timeline().stream().map(PhaseView::of).toList());
		}

	}

	/**
	 * One phase of a timeline.
	 *
	 * @param name what happens
	 * @param at when it starts
	 * @param ramp how long its changes take to reach full size
	 * @param change what it changes
	 */
	record PhaseView(String name, Duration at, Duration ramp, Shift change) {

		static PhaseView of(Phase phase) {
			return new PhaseView(phase.name(), phase.at(), phase.ramp(), phase.shift());
		}

	}

	/**
	 * A device kind.
	 *
	 * @param name the kind
	 * @param code the code in device ids
	 * @param parameters what it measures (canonical names)
	 * @param batteryDrainPerHour battery drain, % per hour (0: mains or own cycle)
	 * @param firmware the firmware version it reports
	 */
	record DeviceKindView(DeviceKind name, String code, List<String> parameters, double batteryDrainPerHour,
			String firmware) {

		static DeviceKindView of(DeviceKind kind) {
			return new DeviceKindView(kind, kind.code(),
					kind.parameters().stream().map(Parameter::canonicalName).toList(), kind.drainPerHour(),
					kind.firmware());
		}

	}

}
