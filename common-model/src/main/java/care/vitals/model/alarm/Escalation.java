package care.vitals.model.alarm;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Escalation of an alarm nobody acknowledges (IEC 60601-1-8 distributed alarm systems;
 * CLINICAL.md): an alarm that stays raised and unacknowledged is sent to the next contact
 * point after a time that depends on its priority. Level 1 is the nurse in charge of the
 * ward; level 2 the response team (outreach, rapid response or the medical team caring
 * for the patient, as the hospital's escalation policy names it).
 * <p>
 * The time counts from when the alarm entered the raised state: its raise, or its
 * re-alert after an acknowledgement (an acknowledgement answers the escalation and sets
 * it back to 0). A change of priority within an episode applies the new priority's times
 * to the time already spent unacknowledged, so an alarm that becomes high after 6
 * unacknowledged minutes escalates at once.
 *
 * <table>
 * <caption>Escalation times (unacknowledged for)</caption>
 * <tr>
 * <th>priority</th>
 * <th>level 1: nurse in charge</th>
 * <th>level 2: response team</th>
 * </tr>
 * <tr>
 * <td>high</td>
 * <td>2 min</td>
 * <td>5 min</td>
 * </tr>
 * <tr>
 * <td>medium</td>
 * <td>10 min</td>
 * <td>30 min</td>
 * </tr>
 * <tr>
 * <td>low</td>
 * <td>30 min</td>
 * <td>never</td>
 * </tr>
 * </table>
 */
public record Escalation(Map<AlarmPriority, List<Duration>> after) {

	/** The highest level. */
	public static final int MAX_LEVEL = 2;

	/**
	 * Validates the schedule.
	 * @throws IllegalArgumentException unless every priority has at most
	 * {@link #MAX_LEVEL} positive, increasing times
	 */
	public Escalation {
		Map<AlarmPriority, List<Duration>> copy = new EnumMap<>(AlarmPriority.class);
		for (AlarmPriority priority : AlarmPriority.values()) {
			List<Duration> times = List.copyOf(after.getOrDefault(priority, List.of()));
			if (times.size() > MAX_LEVEL) {
				throw new IllegalArgumentException(priority + ": at most " + MAX_LEVEL + " escalation levels");
			}
			for (int i = 0; i < times.size(); i++) {
				if (times.get(i).isNegative() || times.get(i).isZero()
						|| (i > 0 && times.get(i).compareTo(times.get(i - 1)) <= 0)) {
					throw new IllegalArgumentException(priority + ": escalation times must be positive and increasing");
				}
			}
			copy.put(priority, times);
		}
		after = Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns the documented schedule of the table above.
	 * @return the default escalation
	 */
	public static Escalation defaults() {
		return new Escalation(Map.of(AlarmPriority.HIGH, List.of(Duration.ofMinutes(2), Duration.ofMinutes(5)),
				AlarmPriority.MEDIUM, List.of(Duration.ofMinutes(10), Duration.ofMinutes(30)), AlarmPriority.LOW,
				List.of(Duration.ofMinutes(30))));
	}

	/**
	 * Returns the level an alarm of a priority has reached after being unacknowledged for
	 * a time.
	 * @param priority the alarm's priority
	 * @param unacknowledgedFor how long it has been raised without acknowledgement
	 * @return 0 (not escalated) to {@link #MAX_LEVEL}
	 */
	public int level(AlarmPriority priority, Duration unacknowledgedFor) {
		int level = 0;
		for (Duration time : this.after.get(priority)) {
			if (unacknowledgedFor.compareTo(time) >= 0) {
				level++;
			}
		}
		return level;
	}

	/**
	 * Names the contact point of a level, for texts.
	 * @param level 1 or 2
	 * @return e.g. {@code nurse in charge}
	 */
	public static String contact(int level) {
		return (level >= 2) ? "response team" : "nurse in charge";
	}

}
