package care.vitals.publisher.api;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

/**
 * A network outage to simulate.
 *
 * @param duration how long the device stays away, PT1S-PT1H (ISO-8601)
 */
public record OutageRequest(@NotNull Duration duration) {

}
