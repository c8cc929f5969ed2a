package care.vitals.ingest.storage;

import java.time.Instant;
import java.util.Map;

/**
 * The ward board as data (docs/ward-station.md, docs/data-model.md): one {@code beds}
 * line per bed and one {@code bed_devices} line per device of a bed, written by the
 * clinical owner every few seconds, for Grafana's ward overview.
 */
public final class BoardLines {

	private BoardLines() {
	}

	/**
	 * A line of a bed's state.
	 * @param ward the ward
	 * @param bed the bed
	 * @param fields the fields: {@link Double}, {@link Long}, {@link Integer},
	 * {@link Boolean} or {@link String} values; {@code null} values are left out
	 * @param at the time of the snapshot
	 * @return the line
	 */
	public static String bed(String ward, String bed, Map<String, Object> fields, Instant at) {
		return line(LineBuilder.measurement("beds").tag("ward", ward).tag("bed", bed), fields, at);
	}

	/**
	 * A line of one device of a bed.
	 * @param ward the ward
	 * @param bed the bed
	 * @param device the device
	 * @param fields the fields, as for {@link #bed}
	 * @param at the time of the snapshot
	 * @return the line
	 */
	public static String device(String ward, String bed, String device, Map<String, Object> fields, Instant at) {
		return line(LineBuilder.measurement("bed_devices").tag("ward", ward).tag("bed", bed).tag("device", device),
				fields, at);
	}

	private static String line(LineBuilder line, Map<String, Object> fields, Instant at) {
		fields.forEach((key, value) -> {
			if (value instanceof Double d) {
				line.field(key, d);
			}
			else if (value instanceof Long l) {
				line.field(key, l);
			}
			else if (value instanceof Integer i) {
				line.field(key, (long) i);
			}
			else if (value instanceof Boolean b) {
				line.field(key, b);
			}
			else if (value != null) {
				line.field(key, SafeText.of(value.toString(), 512));
			}
		});
		return line.time(at).build();
	}

}
