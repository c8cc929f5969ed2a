package care.vitals.ingest.station;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import care.vitals.model.news2.News2Parameter;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Source;

/**
 * The NEWS2 inputs in force, in words, for the bed page: each parameter in chart order
 * with its value and unit, who measured it (a device by its id, a member of staff by user
 * name) and how long ago. A parameter with no value in force says so: the page never
 * shows an old value as if it were current.
 */
final class VitalsText {

	static final String NONE = "no current value";

	private VitalsText() {
	}

	static List<BedDetail.VitalView> of(Map<News2Parameter, PatientVitalsWindow.Used> used, Instant now) {
		List<BedDetail.VitalView> rows = new ArrayList<>();
		for (News2Parameter parameter : News2Parameter.values()) {
			PatientVitalsWindow.Used value = used.get(parameter);
			if (value == null) {
				rows.add(new BedDetail.VitalView(parameter.code(), label(parameter), NONE, "", "", false));
			}
			else {
				rows.add(new BedDetail.VitalView(parameter.code(), label(parameter), value(parameter, value.value()),
						source(value.source()), Ages.ago(Duration.between(value.at(), now)), true));
			}
		}
		return rows;
	}

	static String label(News2Parameter parameter) {
		return switch (parameter) {
			case RESP_RATE -> "Respiration rate";
			case SPO2 -> "SpO2";
			case AIR_OR_OXYGEN -> "Air or oxygen";
			case SYSTOLIC_BP -> "Systolic blood pressure";
			case HEART_RATE -> "Pulse";
			case CONSCIOUSNESS -> "Consciousness (ACVPU)";
			case TEMPERATURE -> "Temperature";
		};
	}

	static String value(News2Parameter parameter, Object value) {
		return switch (parameter) {
			case RESP_RATE, HEART_RATE -> number((Double) value) + " /min";
			case SPO2 -> number((Double) value) + " %";
			case SYSTOLIC_BP -> number((Double) value) + " mmHg";
			case TEMPERATURE -> number((Double) value) + " °C";
			case AIR_OR_OXYGEN -> Boolean.TRUE.equals(value) ? "on oxygen" : "on air";
			case CONSCIOUSNESS -> consciousness((Consciousness) value);
		};
	}

	/** "device mon-1" or "staff: anna". */
	static String source(Source source) {
		return source.isStaff() ? "staff: " + source.id() : "device " + source.id();
	}

	static String consciousness(Consciousness level) {
		return level.name() + " (" + switch (level) {
			case A -> "alert";
			case C -> "new confusion";
			case V -> "responds to voice";
			case P -> "responds to pain";
			case U -> "unresponsive";
		} + ")";
	}

	/** Whole numbers without a decimal point, others with one decimal. */
	static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e9) {
			return Long.toString((long) value);
		}
		return String.format(java.util.Locale.ROOT, "%.1f", value);
	}

}
