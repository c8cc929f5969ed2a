package care.vitals.publisher.api;

import java.util.Arrays;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import care.vitals.publisher.api.CatalogueView.DeviceKindView;
import care.vitals.publisher.api.CatalogueView.ScenarioView;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Scenario;

/**
 * The scenarios with their timelines and the device kinds with what they measure.
 */
@RestController
@RequestMapping("/api")
class CatalogueController {

	@GetMapping("/scenarios")
	List<ScenarioView> scenarios() {
		return Arrays.stream(Scenario.values()).map(ScenarioView::of).toList();
	}

	@GetMapping("/device-kinds")
	List<DeviceKindView> deviceKinds() {
		return Arrays.stream(DeviceKind.values()).map(DeviceKindView::of).toList();
	}

}
