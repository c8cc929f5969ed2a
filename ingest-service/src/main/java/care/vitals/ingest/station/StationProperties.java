package care.vitals.ingest.station;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import care.vitals.model.id.Identifiers;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ward station's pages (docs/ward-station.md).
 *
 * @param beds every bed shown, as {@code ward/bed} ({@code STATION_BEDS}); a bed occupied
 * but not listed is shown too
 * @param news2CurrentFor how old a complete NEWS2 may be and still wear its risk colour:
 * the engine restates an unchanged score every 5 minutes of readings, so a little more
 * than that; older, the board says it is not current
 * @param refresh how often the board updates itself
 * @param devices the ward's devices ({@code STATION_DEVICES}), offered for picking when
 * admitting a patient (a device not listed can be typed in)
 * @param grafanaUrl the base URL of Grafana as the browser reaches it
 * ({@code STATION_GRAFANA_URL}), for the bed page's link to the patient's dashboard;
 * empty: no link
 * @param snapshot how often the clinical owner writes the board into InfluxDB
 * ({@code beds}, {@code bed_devices}) for Grafana's ward overview; zero: never
 * @param timeZone the ward's time zone, for the clock times of the bed page's audit trail
 * ({@code STATION_TIME_ZONE}, e.g. {@code Europe/London}); empty: the system's
 */
@ConfigurationProperties("ingest.station")
public record StationProperties(List<String> beds, Duration news2CurrentFor, Duration refresh, List<String> devices,
		String grafanaUrl, Duration snapshot, String timeZone) {

	public StationProperties {
		beds = (beds != null) ? beds.stream().map(String::trim).filter((b) -> !b.isEmpty()).toList() : List.of();
		for (String bed : beds) {
			if (bed.indexOf('/') <= 0 || bed.indexOf('/') != bed.lastIndexOf('/') || bed.endsWith("/")) {
				throw new IllegalArgumentException("ingest.station.beds: '" + bed + "' is not ward/bed");
			}
		}
		devices = (devices != null) ? devices.stream().map(String::trim).filter((d) -> !d.isEmpty()).toList()
				: List.of();
		for (String device : devices) {
			if (!Identifiers.isValid(device)) {
				throw new IllegalArgumentException("ingest.station.devices: '" + device + "' is not a device id");
			}
		}
		grafanaUrl = (grafanaUrl != null) ? grafanaUrl.trim().replaceAll("/+$", "") : "";
		snapshot = (snapshot != null) ? snapshot : Duration.ofSeconds(5);
		timeZone = (timeZone != null && !timeZone.isBlank()) ? ZoneId.of(timeZone.trim()).getId()
				: ZoneId.systemDefault().getId();
		if (snapshot.isNegative()) {
			throw new IllegalArgumentException("ingest.station.snapshot must not be negative");
		}
	}

	/** The ward's time zone. */
	public ZoneId zone() {
		return ZoneId.of(this.timeZone);
	}

}
