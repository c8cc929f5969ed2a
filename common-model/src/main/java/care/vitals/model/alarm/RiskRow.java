package care.vitals.model.alarm;

import java.util.Objects;

/**
 * One row of the {@link RiskTable}: an alarm kind raised at one priority under one
 * condition.
 *
 * @param kind the alarm kind (see {@link AlarmKinds}); never {@code null}
 * @param condition what raises it, for people, with the limits in force (e.g.
 * {@code SpO2 < 85 %}); never {@code null}
 * @param priority the priority it is raised at; never {@code null}
 * @param colour the colour of that priority on every display; never {@code null}
 * @param response what the ward does; never {@code null}
 */
public record RiskRow(String kind, String condition, AlarmPriority priority, RiskColour colour, String response) {

	/**
	 * Validates the row.
	 */
	public RiskRow {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(condition, "condition");
		Objects.requireNonNull(priority, "priority");
		Objects.requireNonNull(colour, "colour");
		Objects.requireNonNull(response, "response");
	}

}
