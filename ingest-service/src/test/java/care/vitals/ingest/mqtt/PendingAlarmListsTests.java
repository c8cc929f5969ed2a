package care.vitals.ingest.mqtt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.vitals.model.alarm.Alarm;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.alarm.AlarmPriority;
import care.vitals.model.alarm.AlarmState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alarm lists waiting for the broker: the newest per bed, the most urgent first,
 * otherwise first come first served.
 */
class PendingAlarmListsTests {

	private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

	@Test
	void aNewHighPriorityAlarmGoesBeforeAStormOfMediumOnes() throws InterruptedException {
		PendingAlarmLists pending = new PendingAlarmLists();
		for (int bed = 0; bed < 500; bed++) {
			pending.offer(list("b" + bed, alarm("b" + bed, AlarmPriority.MEDIUM, AlarmState.RAISED)));
		}
		pending.offer(list("spo2", alarm("spo2", AlarmPriority.HIGH, AlarmState.RAISED)));
		assertThat(pending.take().list().bed()).isEqualTo("spo2");
		assertThat(pending.take().list().bed()).as("then the storm, oldest first").isEqualTo("b0");
		assertThat(pending.size()).isEqualTo(499);
	}

	@Test
	void onlyTheNewestListOfABedWaitsAndItKeepsTheBedsPlace() throws InterruptedException {
		PendingAlarmLists pending = new PendingAlarmLists();
		pending.offer(list("1", alarm("1", AlarmPriority.LOW, AlarmState.RAISED)));
		pending.offer(list("2", alarm("2", AlarmPriority.LOW, AlarmState.RAISED)));
		AlarmList newer = list("1", alarm("1", AlarmPriority.LOW, AlarmState.ACKNOWLEDGED),
				alarm("1", AlarmPriority.LOW, AlarmState.RAISED));
		pending.offer(newer);
		assertThat(pending.size()).isEqualTo(2);
		assertThat(pending.take().list()).isSameAs(newer);
		assertThat(pending.take().list().bed()).isEqualTo("2");
	}

	@Test
	void aWaitingBedWhoseNewListIsMoreUrgentMovesAhead() throws InterruptedException {
		PendingAlarmLists pending = new PendingAlarmLists();
		pending.offer(list("1", alarm("1", AlarmPriority.LOW, AlarmState.RAISED)));
		pending.offer(list("2", alarm("2", AlarmPriority.LOW, AlarmState.RAISED)));
		pending.offer(list("2", alarm("2", AlarmPriority.HIGH, AlarmState.RAISED)));
		pending.offer(list("1"));
		assertThat(pending.take().list().bed()).isEqualTo("2");
		assertThat(pending.take().list().alarms()).as("bed 1's newest: the all-clear").isEmpty();
		assertThat(pending.size()).isZero();
	}

	@Test
	void urgencyIsTheHighestUnacknowledgedPriority() {
		assertThat(PendingAlarmLists.urgency(list("1", alarm("1", AlarmPriority.HIGH, AlarmState.ACKNOWLEDGED),
				alarm("1", AlarmPriority.LOW, AlarmState.RAISED))))
			.isEqualTo(AlarmPriority.LOW.ordinal());
		assertThat(PendingAlarmLists.urgency(list("1", alarm("1", AlarmPriority.HIGH, AlarmState.ACKNOWLEDGED))))
			.as("acknowledged only: after every unacknowledged priority")
			.isGreaterThan(AlarmPriority.LOW.ordinal());
		assertThat(PendingAlarmLists.urgency(list("1"))).as("the all-clear: likewise")
			.isGreaterThan(AlarmPriority.LOW.ordinal());
	}

	@Test
	void aListTheBrokerDidNotTakeIsTriedAgainInItsPlaceUnlessANewerOneCame() throws InterruptedException {
		PendingAlarmLists pending = new PendingAlarmLists();
		pending.offer(list("1"));
		pending.offer(list("2"));
		PendingAlarmLists.Waiting failed = pending.take();
		pending.offer(list("3"));
		pending.retry(failed);
		assertThat(pending.take().list().bed()).as("back in its place").isEqualTo("1");

		PendingAlarmLists.Waiting again = pending.take();
		AlarmList newer = list("2", alarm("2", AlarmPriority.LOW, AlarmState.RAISED));
		pending.offer(newer);
		pending.retry(again);
		assertThat(pending.size()).isEqualTo(2);
		PendingAlarmLists.Waiting next = pending.take();
		assertThat(next.list()).as("the newer list, not the one that failed").isSameAs(newer);
	}

	@Test
	void takeWaitsForAList() throws InterruptedException {
		PendingAlarmLists pending = new PendingAlarmLists();
		List<String> taken = new ArrayList<>();
		Thread publisher = new Thread(() -> {
			try {
				taken.add(pending.take().list().bed());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		publisher.start();
		Thread.sleep(50);
		assertThat(publisher.isAlive()).as("waiting").isTrue();
		pending.offer(list("7"));
		publisher.join(5000);
		assertThat(taken).containsExactly("7");
	}

	private static AlarmList list(String bed, Alarm... alarms) {
		return new AlarmList("ward-3", bed, AT, List.of(alarms));
	}

	private static int ids;

	private static Alarm alarm(String bed, AlarmPriority priority, AlarmState state) {
		Alarm raised = new Alarm("spo2_low.a" + (ids++), "p-" + bed, "ward-3", bed, "mon-" + bed, priority, "spo2_low",
				AlarmState.RAISED, "SpO2 low", 84.0, AT);
		return (state == AlarmState.RAISED) ? raised : raised.moveTo(state, AT);
	}

}
