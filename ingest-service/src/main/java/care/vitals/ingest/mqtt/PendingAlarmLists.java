package care.vitals.ingest.mqtt;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmState;

/**
 * The bed alarm lists waiting for the broker: only the newest list of each bed (the topic
 * is the bed's current state, retained: an older list waiting behind a newer one would
 * only be overwritten), the most urgent bed first, and among equally urgent beds the one
 * that has waited longest. Urgency is the highest priority among a list's unacknowledged
 * alarms: high, medium, low, then lists with none (acknowledged alarms only, or the
 * all-clear).
 * <p>
 * So a storm of lists (a ward's devices falling silent at once: a no-data alarm on every
 * bed) never holds a new high-priority alarm behind it, and never grows beyond one list
 * per bed. A bed's lists still reach the broker in order: a bed has at most one list
 * waiting, and one thread publishes, one at a time (docs/ingest.md, "Alarm lists under a
 * storm").
 */
final class PendingAlarmLists {

	/** Beyond every priority: no unacknowledged alarm. */
	private static final int QUIET = AlarmPriority.values().length;

	private final Map<String, Waiting> byBed = new HashMap<>();

	/** The beds in the order they go out. */
	private final TreeMap<Place, String> queue = new TreeMap<>();

	private long sequence;

	/**
	 * A list taken for publishing.
	 *
	 * @param list the bed's newest list when it was taken
	 * @param since when its bed began to wait (an order, not a time)
	 */
	record Waiting(AlarmList list, long since) {
	}

	/** A bed's place in the queue: its urgency, then how long it has waited. */
	private record Place(int urgency, long since) implements Comparable<Place> {

		static Place of(Waiting waiting) {
			return new Place(PendingAlarmLists.urgency(waiting.list()), waiting.since());
		}

		@Override
		public int compareTo(Place other) {
			int byUrgency = Integer.compare(this.urgency, other.urgency);
			return (byUrgency != 0) ? byUrgency : Long.compare(this.since, other.since);
		}

	}

	/**
	 * Queues a bed's newest list: it replaces the list waiting for that bed, if any, and
	 * keeps that bed's place.
	 * @param list the list
	 */
	synchronized void offer(AlarmList list) {
		Waiting waiting = this.byBed.get(key(list));
		put(key(list), new Waiting(list, (waiting != null) ? waiting.since() : this.sequence++));
	}

	/**
	 * Puts back a list the broker did not take, in its old place, unless a newer list of
	 * its bed has come meanwhile (that one is published instead, in the older place).
	 * @param taken what {@link #take()} returned
	 */
	synchronized void retry(Waiting taken) {
		Waiting newer = this.byBed.get(key(taken.list()));
		put(key(taken.list()),
				(newer != null) ? new Waiting(newer.list(), Math.min(newer.since(), taken.since())) : taken);
	}

	/**
	 * Takes the most urgent list, waiting for one.
	 * @return the list and its place
	 * @throws InterruptedException if interrupted while waiting
	 */
	synchronized Waiting take() throws InterruptedException {
		while (this.queue.isEmpty()) {
			wait();
		}
		return this.byBed.remove(this.queue.pollFirstEntry().getValue());
	}

	/**
	 * @return the beds whose list waits
	 */
	synchronized int size() {
		return this.byBed.size();
	}

	private void put(String bed, Waiting waiting) {
		Waiting replaced = this.byBed.put(bed, waiting);
		if (replaced != null) {
			this.queue.remove(Place.of(replaced));
		}
		this.queue.put(Place.of(waiting), bed);
		notifyAll();
	}

	/** The highest priority among the unacknowledged alarms, as its ordinal. */
	static int urgency(AlarmList list) {
		int most = QUIET;
		for (Alarm alarm : list.alarms()) {
			if (alarm.state() == AlarmState.RAISED) {
				most = Math.min(most, alarm.priority().ordinal());
			}
		}
		return most;
	}

	private static String key(AlarmList list) {
		return list.ward() + '/' + list.bed();
	}

}
