package care.vitals.burden;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import care.vitals.model.news2.News2Inputs;
import care.vitals.model.news2.News2Risk;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.News2Scorer;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;
import care.vitals.publisher.physiology.Moment;
import care.vitals.publisher.physiology.PatientModel;
import care.vitals.publisher.physiology.Physiology;
import care.vitals.publisher.physiology.Profile;
import care.vitals.publisher.physiology.Vitals;

/**
 * The simulator's ground truth of one bed: the patient's vital signs as the publisher's
 * physiology computes them, before any artefact (motion, probe off, dropout, flatline),
 * and the complete NEWS2 of those values with the patient's true consciousness and
 * oxygen.
 */
final class Truth {

	private static final Physiology PHYSIOLOGY = new Physiology(ZoneOffset.UTC);

	private final BedPlan bed;

	private final PatientModel patient;

	private final Instant origin;

	Truth(BedPlan bed, PatientModel patient, Instant origin) {
		this.bed = bed;
		this.patient = patient;
		this.origin = origin;
	}

	/** The moment of an instant, as the publisher computes it for this bed. */
	static Moment moment(Instant origin, Duration scenarioStart, Instant at) {
		Duration sinceStart = Duration.between(origin, at);
		Duration elapsed = sinceStart.minus(scenarioStart);
		return new Moment(sinceStart, elapsed.isNegative() ? Duration.ZERO : elapsed, at);
	}

	Vitals vitals(Instant at) {
		return PHYSIOLOGY.vitals(this.patient, this.bed.scenario(), moment(this.origin, this.bed.scenarioStart(), at));
	}

	/**
	 * The noise-free vital signs of the scripted course ({@link Physiology#expected}).
	 */
	Vitals expected(Instant at) {
		return PHYSIOLOGY.expected(this.patient, this.bed.scenario(),
				moment(this.origin, this.bed.scenarioStart(), at));
	}

	/** The complete NEWS2 of a set of vital signs with their consciousness and oxygen. */
	News2Score score(Vitals v, Instant at) {
		News2Inputs inputs = new News2Inputs(v.respRate(), v.spo2(), v.oxygen(), v.systolic(), v.heartRate(),
				v.consciousness(), v.temperature());
		return News2Scorer.score(inputs, scale(), at);
	}

	SpO2Scale scale() {
		return (this.bed.profile() == Profile.COPD) ? SpO2Scale.SCALE_2 : SpO2Scale.SCALE_1;
	}

	News2Risk news2(Instant at) {
		return score(vitals(at), at).risk();
	}

	/** The true value of a parameter the limit alarms watch, or {@code null}. */
	Double value(Parameter parameter, Instant at) {
		return value(vitals(at), parameter);
	}

	/**
	 * The value of a parameter the limit alarms watch in a set of vital signs, or
	 * {@code null}.
	 */
	static Double value(Vitals v, Parameter parameter) {
		return switch (parameter) {
			case HEART_RATE -> v.heartRate();
			case SPO2 -> v.spo2();
			case RESP_RATE -> v.respRate();
			case TEMPERATURE -> v.temperature();
			case SYSTOLIC_BP -> v.systolic();
			case DIASTOLIC_BP -> v.diastolic();
			default -> null;
		};
	}

}
