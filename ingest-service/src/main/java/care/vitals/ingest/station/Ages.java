package care.vitals.ingest.station;

import java.time.Duration;

/** How long ago, in the words of a ward: "40 s ago", "3 min ago", "2 h 5 min ago". */
final class Ages {

	private Ages() {
	}

	static String ago(Duration age) {
		long seconds = Math.max(0, age.toSeconds());
		if (seconds < 90) {
			return seconds + " s ago";
		}
		long minutes = seconds / 60;
		if (minutes < 120) {
			return minutes + " min ago";
		}
		return (minutes / 60) + " h " + (minutes % 60) + " min ago";
	}

}
