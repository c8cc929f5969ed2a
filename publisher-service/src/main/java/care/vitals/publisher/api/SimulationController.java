package care.vitals.publisher.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import care.vitals.publisher.simulation.DeviceInfo;
import care.vitals.publisher.simulation.InvalidRequestException;
import care.vitals.publisher.simulation.Simulation;
import care.vitals.publisher.simulation.SimulationChange;
import care.vitals.publisher.simulation.SimulationRequest;
import care.vitals.publisher.simulation.SimulationService;

/**
 * Creates, lists, inspects, changes and stops simulations; admits and discharges their
 * patients; cuts devices off the network.
 */
@RestController
@RequestMapping("/api/simulations")
class SimulationController {

	private static final Duration MAX_OUTAGE = Duration.ofHours(1);

	private final SimulationService service;

	SimulationController(SimulationService service) {
		this.service = service;
	}

	@PostMapping
	ResponseEntity<SimulationView> create(@Valid @RequestBody SimulationRequest request) {
		Simulation simulation = this.service.create(request);
		return ResponseEntity.created(URI.create("/api/simulations/" + simulation.id()))
			.body(SimulationView.of(simulation));
	}

	@GetMapping
	List<SimulationView> list() {
		return this.service.list().stream().map(SimulationView::of).toList();
	}

	@GetMapping("/{id}")
	SimulationView get(@PathVariable String id) {
		return SimulationView.of(this.service.get(id));
	}

	@PatchMapping("/{id}")
	SimulationView change(@PathVariable String id, @Valid @RequestBody SimulationChange change) {
		return SimulationView.of(this.service.change(id, change));
	}

	@DeleteMapping("/{id}")
	SimulationView stop(@PathVariable String id) {
		return SimulationView.of(this.service.stop(id));
	}

	@GetMapping("/{id}/patients")
	List<PatientView> patients(@PathVariable String id) {
		Simulation simulation = this.service.get(id);
		return simulation.patients().stream().map((patient) -> PatientView.of(simulation, patient)).toList();
	}

	@PostMapping("/{id}/patients/{index}/admit")
	PatientView admit(@PathVariable String id, @PathVariable int index) {
		return PatientView.of(this.service.get(id), this.service.admit(id, index));
	}

	@PostMapping("/{id}/patients/{index}/discharge")
	PatientView discharge(@PathVariable String id, @PathVariable int index) {
		return PatientView.of(this.service.get(id), this.service.discharge(id, index));
	}

	@GetMapping("/{id}/devices")
	List<DeviceInfo> devices(@PathVariable String id, @RequestParam(defaultValue = "0") @Min(0) int offset,
			@RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit) {
		return this.service.devices(id, offset, limit);
	}

	@PostMapping("/{id}/devices/{deviceId}/outage")
	DeviceInfo outage(@PathVariable String id, @PathVariable String deviceId,
			@Valid @RequestBody OutageRequest request) {
		Duration duration = request.duration();
		if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_OUTAGE) > 0) {
			throw new InvalidRequestException("The outage duration is out of range.",
					Map.of("duration", "must be between PT1S and PT1H"));
		}
		return this.service.outage(id, deviceId, duration);
	}

}
