package care.vitals.ingest.station;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import care.vitals.ingest.clinical.ClinicalEngine;
import care.vitals.ingest.patient.AssignmentHistory;
import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmKinds;
import care.vitals.model.assignment.Assignment;

import org.springframework.stereotype.Component;

/**
 * What the ward board shows, read from the clinical engine and the assignment history of
 * this instance (every instance evaluates every reading, docs/scaling.md, so any instance
 * can serve the board). Read only: every change goes through the REST API.
 */
@Component
class WardBoard {

	/** Alarm kinds that describe a device rather than the patient. */
	static final Set<String> TECHNICAL = Set.of(AlarmKinds.PROBE_OFF, AlarmKinds.LEAD_OFF,
			AlarmKinds.SENSOR_DISCONNECTED, AlarmKinds.BATTERY_LOW, AlarmKinds.DEVICE_OFFLINE, AlarmKinds.NO_DATA,
			AlarmKinds.SEQUENCE_GAP, AlarmKinds.CLOCK_SKEW, AlarmKinds.IMPLAUSIBLE_VALUE);

	private final ClinicalEngine engine;

	private final AssignmentHistory history;

	private final StationProperties properties;

	private final Clock clock;

	WardBoard(ClinicalEngine engine, AssignmentHistory history, StationProperties properties, Clock clock) {
		this.engine = engine;
		this.history = history;
		this.properties = properties;
		this.clock = clock;
	}

	/** Every ward listed or with a patient, sorted. */
	Set<String> wards() {
		Set<String> wards = new TreeSet<>();
		this.properties.beds().forEach((bed) -> wards.add(bed.substring(0, bed.indexOf('/'))));
		this.history.all().values().forEach((a) -> wards.add(a.ward()));
		return wards;
	}

	/** Every bed of a ward: listed beds in their order, then occupied beds not listed. */
	List<BedView> beds(String ward) {
		List<BedView> views = new ArrayList<>();
		beds(ward, snapshot(), views::add);
		return views;
	}

	/**
	 * Every bed of every ward, listed or with a patient, by ward in order, all read at
	 * one instant: one pass over the assignments and the active alarms, however many
	 * beds.
	 */
	Map<String, List<BedView>> all() {
		Map<String, List<BedView>> all = new LinkedHashMap<>();
		eachBed((bed) -> all.computeIfAbsent(bed.ward(), (w) -> new ArrayList<>()).add(bed));
		return all;
	}

	/**
	 * The beds of {@link #all()}, in its order and read at one instant like it, handed
	 * over one at a time: each is built when it is handed, so whoever goes through a
	 * board of thousands of beds (the snapshot into InfluxDB) never holds them all at
	 * once.
	 */
	void eachBed(Consumer<BedView> action) {
		Snapshot snapshot = snapshot();
		Set<String> wards = new TreeSet<>(snapshot.devices.keySet());
		this.properties.beds().forEach((bed) -> wards.add(bed.substring(0, bed.indexOf('/'))));
		for (String ward : wards) {
			beds(ward, snapshot, action);
		}
	}

	private Snapshot snapshot() {
		Snapshot snapshot = new Snapshot(Instant.now(this.clock), new HashMap<>(), new HashMap<>());
		this.history.all()
			.forEach((device, a) -> snapshot.devices.computeIfAbsent(a.ward(), (w) -> new HashMap<>())
				.computeIfAbsent(a.bed(), (b) -> new TreeMap<>())
				.put(device, a));
		for (Alarm alarm : this.engine.active()) {
			snapshot.alarms.computeIfAbsent(alarm.ward(), (w) -> new HashMap<>())
				.computeIfAbsent(alarm.bed(), (b) -> new ArrayList<>())
				.add(alarm);
		}
		return snapshot;
	}

	private void beds(String ward, Snapshot snapshot, Consumer<BedView> action) {
		Map<String, Map<String, Assignment>> wardDevices = snapshot.devices.getOrDefault(ward, Map.of());
		Map<String, List<Alarm>> wardAlarms = snapshot.alarms.getOrDefault(ward, Map.of());
		Set<String> listed = new LinkedHashSet<>();
		this.properties.beds()
			.stream()
			.filter((b) -> b.startsWith(ward + "/"))
			.forEach((b) -> listed.add(b.substring(ward.length() + 1)));
		Set<String> occupied = new TreeSet<>(Comparator.comparing(WardBoard::bedOrder).thenComparing((b) -> b));
		occupied.addAll(wardDevices.keySet());
		Set<String> beds = new LinkedHashSet<>(listed);
		beds.addAll(occupied);
		for (String bed : beds) {
			action.accept(bed(ward, bed, wardDevices.getOrDefault(bed, Map.of()),
					wardAlarms.getOrDefault(bed, List.of()), listed.contains(bed), snapshot.at));
		}
	}

	private BedView bed(String ward, String bed, Map<String, Assignment> devices, List<Alarm> bedAlarms, boolean listed,
			Instant now) {
		List<Alarm> alarms = bedAlarms.stream().sorted(AlarmView.ORDER).toList();
		List<String> patients = devices.values().stream().map(Assignment::patient).distinct().sorted().toList();
		List<BedView.DeviceView> deviceViews = devices.entrySet()
			.stream()
			.map((e) -> device(e.getKey(), e.getValue().patient(), alarms))
			.toList();
		News2View news2 = (patients.size() == 1)
				? News2View.of(this.engine.news2(patients.get(0)), now, this.properties.news2CurrentFor()) : null;
		return new BedView(ward, bed, patients, deviceViews, news2,
				alarms.stream().map((a) -> AlarmView.of(a, now)).toList(), listed);
	}

	/**
	 * The assignments (ward, bed, device, sorted by device) and the active alarms (ward,
	 * bed) at one instant.
	 */
	private record Snapshot(Instant at, Map<String, Map<String, Map<String, Assignment>>> devices,
			Map<String, Map<String, List<Alarm>>> alarms) {
	}

	private static BedView.DeviceView device(String device, String patient, List<Alarm> alarms) {
		List<String> faults = alarms.stream()
			.filter((a) -> device.equals(a.device()) && TECHNICAL.contains(a.kind()))
			.map((a) -> a.kind().replace('_', ' '))
			.distinct()
			.toList();
		boolean offline = alarms.stream()
			.anyMatch((a) -> device.equals(a.device()) && AlarmKinds.DEVICE_OFFLINE.equals(a.kind()));
		return new BedView.DeviceView(device, patient,
				faults.isEmpty() ? "no technical alarm" : String.join(", ", faults), !faults.isEmpty(), offline);
	}

	/**
	 * Every bed of every ward, with who is in it, for the transfer form's choice.
	 */
	List<BedChoice> choices() {
		List<BedChoice> choices = new ArrayList<>();
		for (List<BedView> ward : all().values()) {
			for (BedView bed : ward) {
				String who = bed.empty() ? "empty" : String.join(", ", bed.patients());
				choices.add(new BedChoice(bed.ward() + "/" + bed.bed(), bed.ward() + " bed " + bed.bed() + " – " + who,
						bed.empty()));
			}
		}
		return choices;
	}

	/** The ward's devices ({@code STATION_DEVICES}) not assigned now. */
	List<String> freeDevices() {
		Map<String, Assignment> assigned = this.history.all();
		return this.properties.devices().stream().filter((d) -> !assigned.containsKey(d)).sorted().toList();
	}

	/**
	 * A bed to choose.
	 *
	 * @param value {@code ward/bed}
	 * @param label e.g. "ward-a bed 2 – empty", "ward-a bed 1 – p-1042"
	 * @param empty whether no patient is in it
	 */
	record BedChoice(String value, String label, boolean empty) {
	}

	/** Numeric beds in numeric order (2 before 10). */
	private static long bedOrder(String bed) {
		return bed.chars().allMatch(Character::isDigit) && bed.length() < 18 ? Long.parseLong(bed) : Long.MAX_VALUE;
	}

}
