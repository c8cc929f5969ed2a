package care.vitals.model.alarm;

import java.util.Locale;

/**
 * A colour of the risk table, named as Grafana names its colours in dashboards (the same
 * word works in CSS).
 */
public enum RiskColour {

	/** Normal: NEWS2 sub-score 0, risk low. */
	GREEN,

	/** NEWS2 sub-score 1, risk low-medium; medium-priority alarms. */
	YELLOW,

	/** NEWS2 sub-score 2, risk medium. */
	ORANGE,

	/** NEWS2 sub-score 3, risk high; high-priority alarms. */
	RED,

	/** Low-priority alarms. */
	BLUE;

	/**
	 * Returns the colour's name in dashboards.
	 * @return e.g. {@code orange}
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

}
