package care.vitals.publisher.simulation;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import care.vitals.model.codec.ContentType;

/**
 * Defaults and limits of simulations.
 *
 * @param defaultWard ward of a request without one
 * @param defaultRate messages per device per second of a request without a rate
 * @param defaultQos QoS of a request without one
 * @param defaultFormat payload format of a request without one
 * @param defaultArtefactRate artefact episodes per device and minute
 * @param defaultNibpInterval blood pressure interval of bedside monitors
 * @param defaultConnections shared connections in load mode
 * @param maxRealisticDevices most devices of one realistic simulation (each is a
 * connection with its own threads)
 * @param maxLoadDevices most logical devices of one load simulation
 * @param maxRealisticRate most messages per second of one realistic simulation
 * @param statusInterval how often a device republishes its retained status
 * @param maxBacklog most messages a disconnected device buffers for backfill
 * @param zone the ward's time zone (circadian rhythm)
 * @param tickThreads threads that run device ticks
 * @param history how many stopped simulations stay listed
 * @param reportInterval how often the achieved rate is logged
 * @param loadWindow most messages in flight per load connection
 */
@Validated
@ConfigurationProperties("publisher.simulation")
public record SimulationProperties(@NotBlank String defaultWard, @Positive double defaultRate, int defaultQos,
		@NotNull ContentType defaultFormat, double defaultArtefactRate, @NotNull Duration defaultNibpInterval,
		@Positive int defaultConnections, @Positive int maxRealisticDevices, @Positive int maxLoadDevices,
		@Positive double maxRealisticRate, @NotNull Duration statusInterval, @Positive int maxBacklog,
		@NotNull ZoneId zone, @Positive int tickThreads, @Positive int history, @NotNull Duration reportInterval,
		@Positive int loadWindow) {

}
