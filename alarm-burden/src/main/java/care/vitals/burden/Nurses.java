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
