package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;

/**
 * The ward's simulated nurses: observation rounds at the frequency NEWS2 asks for
 * (recording ACVPU and air or oxygen, which devices cannot assess), and the response to
 * alarms: every new alarm or re-alert is acknowledged after the response time of its
 * priority ({@link WardRun#responseTime}); at a clinical alarm the nurse also assesses
 * the patient (records ACVPU and oxygen) and brings the next round forward if the score
 * asks for it.
 * <p>
 * The frequency follows the score the ward sees (RCP 2017, chart 2: the minimum frequency
 * of monitoring is set by the current score): when the engine's NEWS2 changes, the next
 * round is due the new score's interval after the last one (now, if that has passed), if
 * that is sooner than planned. So a patient whose score rises from 0 to 2 is seen within
 * 4 hours of the last round, not 12, and one who reaches 5 within the hour.
 */
final class Nurses {

	private final WardRun ward;

	Nurses(WardRun ward) {
		this.ward = ward;
		ward.recorder().nurses(this);
	}

	void firstRound(WardRun.Bed bed, Instant at) {
		bed.nextRound = at;
		schedule(bed, at);
	}

	void acknowledge(String alarmId, String kind, String patient) {
		this.ward.acknowledge(alarmId, kind, patient);
	}

	/**
	 * After an assessment: the next round is due by the new score, if sooner than
	 * planned.
	 */
	void reschedule(WardRun.Bed bed) {
		Instant next = this.ward.now().plus(this.ward.observationInterval(bed));
		if (bed.nextRound == null || next.isBefore(bed.nextRound)) {
			bed.nextRound = next;
			schedule(bed, next);
		}
	}

	/** The engine's NEWS2 of a patient changed. */
	void scored(String patient) {
		WardRun.Bed bed = this.ward.bed(patient);
		if (bed == null || bed.lastRound == null) {
			// the first round is already due within the first half hour
			return;
		}
		Instant now = this.ward.now();
		Instant due = bed.lastRound.plus(this.ward.observationInterval(bed));
		due = due.isBefore(now) ? now : due;
		if (bed.nextRound == null || due.isBefore(bed.nextRound)) {
			bed.nextRound = due;
			schedule(bed, due);
		}
	}

	private void schedule(WardRun.Bed bed, Instant at) {
		this.ward.later(Duration.between(this.ward.now(), at), () -> round(bed, at));
	}

	private void round(WardRun.Bed bed, Instant planned) {
		if (!planned.equals(bed.nextRound)) {
			return;
		}
		this.ward.assess(bed);
		Instant next = this.ward.now().plus(this.ward.observationInterval(bed));
		bed.nextRound = next;
		schedule(bed, next);
	}

}
