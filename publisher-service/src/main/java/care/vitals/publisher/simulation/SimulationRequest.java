package care.vitals.publisher.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import care.vitals.model.codec.ContentType;
import care.vitals.publisher.device.DeviceKind;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.physiology.Scenario;

/**
 * A request to start a simulation; every field but {@code patients} has a default.
 *
 * @param id the simulation id, 1-16 characters of {@code [A-Za-z0-9_-]}; default
 * {@code sim<n>}
 * @param mode realistic (default) or load
 * @param patients how many patients, 1-100,000 (devices in realistic mode: at most
 * {@code publisher.simulation.max-realistic-devices}, default 3,000)
 * @param ward the ward, an identifier; default {@code sim-ward}
 * @param firstBed the first bed number; patient n lies in bed {@code firstBed + n}
 * @param lastBed the last bed number of the range, optional: must leave room for every
 * patient
 * @param deviceKinds the devices every patient gets; default a bedside monitor
 * @param rate messages per device per second, 0.001-1000; default 1
 * @param format {@code COMPACT_JSON} (default) or {@code SENML_JSON}
 * @param qos MQTT QoS of measurements, 0-2; default 1
 * @param scenario the clinical scenario; default {@code STABLE}
 * @param profile the patient profile; default a mixed ward
 * @param seed the random seed; default a random one (reported back)
 * @param speed how many times faster than real time the scenario timeline runs,
 * 0.01-3600; default 1
 * @param startTime the timestamp of the first tick; default now (the payloads are fully
 * reproducible only when it is given)
 * @param artefactRate artefact episodes per device and minute, 0-0.9; default 0.02
 * @param clockSkew the largest device clock error, 0-PT10M; default 0
 * @param disconnectsPerHour network drops per device and hour (realistic mode), 0-60;
 * default 0
 * @param nibpInterval how often monitors measure blood pressure, PT1S-PT24H; default
 * PT15M
 * @param connections shared connections in load mode, 1-64; default 4
 * @param devicePrefix first part of every device and patient id, an identifier of up to
 * 40 characters that is {@code sim} or starts with {@code sim-} (the prefix reserved for
 * simulated devices, which no real device may have); default {@code sim-} and the
 * simulation id. Device ids are {@code prefix-kind-NNN}, e.g. {@code sim-monitor-001},
 * patient ids {@code prefix-patient-NNN}
 * @param admit whether to publish the patients' assignments (admission and discharge);
 * default true. Without, patients are still admitted and measured, only not announced
 */
public record SimulationRequest(@Pattern(regexp = "[A-Za-z0-9_-]{1,16}") String id, Mode mode,
		@NotNull @Min(1) @Max(100_000) Integer patients, @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String ward,
		@Min(0) @Max(1_000_000) Integer firstBed, @Min(0) @Max(1_100_000) Integer lastBed,
		@Size(min = 1, max = 5) List<@NotNull DeviceKind> deviceKinds,
		@DecimalMin("0.001") @DecimalMax("1000") Double rate, ContentType format, @Min(0) @Max(2) Integer qos,
		Scenario scenario, Profile profile, Long seed, @DecimalMin("0.01") @DecimalMax("3600") Double speed,
		Instant startTime, @DecimalMin("0") @DecimalMax("0.9") Double artefactRate, Duration clockSkew,
		@DecimalMin("0") @DecimalMax("60") Double disconnectsPerHour, Duration nibpInterval,
		@Min(1) @Max(64) Integer connections, @Pattern(regexp = "[A-Za-z0-9._-]{1,40}") String devicePrefix,
		Boolean admit) {

}
