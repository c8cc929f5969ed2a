package care.vitals.ingest.station;

import java.util.List;

/**
 * One bed as the board shows it.
 *
 * @param ward the ward
 * @param bed the bed
 * @param patients the patient(s) in it: none (an empty bed), one, or more (a double
 * booking, shown as such)
 * @param devices the devices assigned to the bed, with their status
 * @param news2 the patient's NEWS2, or {@code null} for an empty bed
 * @param alarms the active alarms of the bed, highest priority first
 * @param listed whether the bed is in the station's bed list
 */
public record BedView(String ward, String bed, List<String> patients, List<DeviceView> devices, News2View news2,
		List<AlarmView> alarms, boolean listed) {

	public boolean empty() {
		return this.patients.isEmpty();
	}

	/**
	 * The highest priority of an unacknowledged alarm, for the tile's border; an
	 * indication ("alarm off / limit changed") is not an alarm and does not count.
	 */
	public String attention() {
		return this.alarms.stream()
			.filter((a) -> !a.acknowledged() && !a.indication())
			.map(AlarmView::priority)
			.findFirst()
			.orElse("none");
	}

	/** The alarms to attend to and acknowledge, highest priority first. */
	public List<AlarmView> alarmList() {
		return this.alarms.stream().filter((a) -> !a.indication()).toList();
	}

	/** "Alarm off / limit changed": what, who and since when; nothing to acknowledge. */
	public List<AlarmView> indications() {
		return this.alarms.stream().filter(AlarmView::indication).toList();
	}

	/** Every device id, space-separated (what a discharge ends). */
	public String deviceIds() {
		return String.join(" ", this.devices.stream().map(DeviceView::device).toList());
	}

	/**
	 * A device of the bed and what is known of it.
	 *
	 * @param device the device id
	 * @param patient the patient it is assigned to
	 * @param status its technical alarms in words, or "no technical alarm"
	 * @param fault whether it has a technical alarm
	 * @param offline whether it is offline (its device offline alarm is active)
	 */
	public record DeviceView(String device, String patient, String status, boolean fault, boolean offline) {
	}

}
