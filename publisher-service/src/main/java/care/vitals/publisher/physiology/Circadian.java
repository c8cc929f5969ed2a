package care.vitals.publisher.physiology;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The 24-hour rhythm of vital signs: lowest in the early morning, highest in the late
 * afternoon (temperature about 0.5 Celsius from trough to peak, heart rate about 8 /min).
 *
 * @param zone the time zone of the ward, whose local time of day sets the phase
 */
record Circadian(ZoneId zone) {

	/**
	 * Returns the rhythm's factor for a parameter peaking at a given hour.
	 * @param at the moment
	 * @param peakHour the local hour of the peak
	 * @return a value from -1 (trough) to 1 (peak)
	 */
	double factor(Instant at, double peakHour) {
		LocalTime local = LocalTime.ofInstant(at, this.zone);
		double hour = local.toSecondOfDay() / 3600.0;
		return Math.cos(2 * Math.PI * (hour - peakHour) / 24);
	}

}
