package care.vitals.ingest.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.vitals.testsupport.InfluxDb1Server;

/**
 * What InfluxDB holds of the readings a {@link TestDevice} sent with
 * {@link TestDevice#compact}, whose sequence number is its time after a base instant.
 */
final class StoredReadings {

	private static final Pattern TIME = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2}T[^\"]+Z)\"");

	private StoredReadings() {
	}

	/**
	 * Returns the sequence numbers {@code 0..expected-1} of a device that are not stored.
	 * @param influx the server
	 * @param database the database
	 * @param device the device
	 * @param base the base instant the readings were timed from ({@code base + seq ms})
	 * @param expected how many readings were sent
	 * @return the missing sequence numbers, in order
	 */
	static Set<Long> missing(InfluxDb1Server influx, String database, String device, Instant base, long expected) {
		Set<Long> missing = new TreeSet<>();
		for (long seq = 0; seq < expected; seq++) {
			missing.add(seq);
		}
		Matcher time = TIME
			.matcher(influx.query(database, "SELECT heart_rate FROM vitals WHERE device='" + device + "'"));
		while (time.find()) {
			missing.remove(Duration.between(base, Instant.parse(time.group(1))).toMillis());
		}
		return missing;
	}

}
