package care.vitals.ingest.patient;

import java.time.Instant;

import care.vitals.model.assignment.Assignment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that readings are attributed by their own time to the patient their device had
 * then, and that anything unknown is unassigned with a reason.
 */
class AssignmentHistoryTests {

	private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

	private final AssignmentHistory history = new AssignmentHistory();

	@Test
	void aBufferedReadingFromBeforeATransferBelongsToThePreviousPatient() {
		Assignment a = new Assignment("p-a", "ward-1", "2", T0);
		Assignment b = new Assignment("p-b", "ward-1", "3", T0.plusSeconds(600));
		this.history.assign("mon-1", a);
		this.history.assign("mon-1", b);
		assertThat(this.history.at("mon-1", T0.plusSeconds(599))).isEqualTo(new Attribution.Assigned(a));
		assertThat(this.history.at("mon-1", T0.plusSeconds(600))).isEqualTo(new Attribution.Assigned(b));
		assertThat(this.history.current("mon-1")).contains(b);
		assertThat(this.history.location("p-a")).isEmpty();
		assertThat(this.history.location("p-b")).contains(b);
	}

	@Test
	void aReadingOlderThanAnythingKnownIsUnassignedWithAReason() {
		this.history.assign("mon-1", new Assignment("p-a", "ward-1", "2", T0));
		assertThat(this.history.at("mon-1", T0.minusMillis(1)))
			.isEqualTo(Attribution.Unassigned.BEFORE_KNOWN_ASSIGNMENT);
		assertThat(this.history.at("mon-9", T0)).isEqualTo(Attribution.Unassigned.NEVER_ASSIGNED);
	}

	@Test
	void aReadingAfterADischargeIsUnassignedButOneBeforeItStaysWithThePatient() {
		Assignment a = new Assignment("p-a", "ward-1", "2", T0);
		this.history.assign("mon-1", a);
		assertThat(this.history.discharge("mon-1", T0.plusSeconds(60))).isTrue();
		assertThat(this.history.at("mon-1", T0.plusSeconds(59))).isEqualTo(new Attribution.Assigned(a));
		assertThat(this.history.at("mon-1", T0.plusSeconds(60))).isEqualTo(Attribution.Unassigned.NOT_ASSIGNED_THEN);
		assertThat(this.history.current("mon-1")).isEmpty();
		assertThat(this.history.isMonitored("p-a")).isFalse();
		assertThat(this.history.discharge("mon-1", T0.plusSeconds(70))).as("discharged twice").isFalse();
	}

	@Test
	void aGapBetweenTwoAssignmentsIsUnassigned() {
		this.history.assign("mon-1", new Assignment("p-a", "ward-1", "2", T0));
		this.history.discharge("mon-1", T0.plusSeconds(60));
		Assignment c = new Assignment("p-c", "ward-1", "4", T0.plusSeconds(120));
		this.history.assign("mon-1", c);
		assertThat(this.history.at("mon-1", T0.plusSeconds(90))).isEqualTo(Attribution.Unassigned.NOT_ASSIGNED_THEN);
		assertThat(this.history.at("mon-1", T0.plusSeconds(121))).isEqualTo(new Attribution.Assigned(c));
	}

	@Test
	void aLaterArrivingAssignmentWithAnEarlierSinceReplacesWhatItOverlaps() {
		this.history.assign("mon-1", new Assignment("p-a", "ward-1", "2", T0));
		this.history.assign("mon-1", new Assignment("p-b", "ward-1", "3", T0.plusSeconds(600)));
		Assignment correction = new Assignment("p-c", "ward-1", "5", T0.plusSeconds(300));
		this.history.assign("mon-1", correction);
		assertThat(this.history.at("mon-1", T0.plusSeconds(299)))
			.isEqualTo(new Attribution.Assigned(new Assignment("p-a", "ward-1", "2", T0)));
		assertThat(this.history.at("mon-1", T0.plusSeconds(700))).isEqualTo(new Attribution.Assigned(correction));
		assertThat(this.history.location("p-b")).isEmpty();
	}

	@Test
	void theSameAssignmentDeliveredAgainChangesNothing() {
		Assignment a = new Assignment("p-a", "ward-1", "2", T0);
		assertThat(this.history.assign("mon-1", a)).isTrue();
		assertThat(this.history.assign("mon-1", a)).isFalse();
	}

	@Test
	void aPatientIsWhereTheirNewestDeviceIsAndStaysMonitoredWhileOneDeviceRemains() {
		this.history.assign("mon-1", new Assignment("p-a", "ward-1", "2", T0));
		Assignment moved = new Assignment("p-a", "ward-1", "7", T0.plusSeconds(60));
		this.history.assign("ox-1", moved);
		assertThat(this.history.location("p-a")).contains(moved);
		this.history.discharge("ox-1", T0.plusSeconds(90));
		assertThat(this.history.isMonitored("p-a")).isTrue();
		assertThat(this.history.all()).containsOnlyKeys("mon-1");
	}

	@Test
	void keepsABoundedHistoryPerDevice() {
		for (int i = 0; i < AssignmentHistory.MAX_INTERVALS + 5; i++) {
			this.history.assign("mon-1", new Assignment("p-" + i, "ward-1", "2", T0.plusSeconds(i)));
		}
		assertThat(this.history.at("mon-1", T0)).isEqualTo(Attribution.Unassigned.BEFORE_KNOWN_ASSIGNMENT);
		assertThat(this.history.at("mon-1", T0.plusSeconds(10)))
			.isEqualTo(new Attribution.Assigned(new Assignment("p-10", "ward-1", "2", T0.plusSeconds(10))));
	}

}
