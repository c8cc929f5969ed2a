package care.vitals.publisher.physiology;

import java.time.Duration;
import java.util.List;

import care.vitals.model.reading.Consciousness;

/**
 * Scripted clinical courses, each a timeline of phases relative to the start of the
 * scenario. Without a phase the patient stays at their baseline (with circadian rhythm
 * and noise).
 */
public enum Scenario {

	/** Nothing happens: baseline, rhythm, noise and the normal artefact rate. */
	STABLE(List.of()),

	/**
	 * Sepsis: fever, tachycardia and tachypnoea, then falling blood pressure, falling
	 * saturation and new confusion (NEWS2 from 0-1 to 7 or more).
	 */
	SEPSIS(List.of(
			new Phase("early sepsis: fever, tachycardia, tachypnoea", minutes(30), minutes(120),
					Shift.of(19, 5, -1, 2.0, -12, -6)),
			new Phase("septic shock: hypotension, desaturation", minutes(150), minutes(60),
					Shift.of(12, 4, -3, 0.3, -25, -14)),
			new Phase("new confusion", minutes(180), Duration.ZERO, Shift.NONE.withConsciousness(Consciousness.C)))),

	/**
	 * Respiratory deterioration: saturation falls and breathing speeds up until oxygen is
	 * started, which brings saturation back while the patient scores for oxygen.
	 */
	RESPIRATORY_DETERIORATION(
			List.of(new Phase("hypoxaemia and tachypnoea", minutes(20), minutes(90), Shift.of(14, 9, -8, 0, 4, 2)),
					new Phase("oxygen started (2 l/min nasal cannula)", minutes(110), minutes(10),
							Shift.of(-4, -3, 5, 0, 0, 0).withOxygen(true)))),

	/**
	 * Bradycardia followed by fast atrial fibrillation, then rate control.
	 */
	BRADYCARDIA_AF(List.of(new Phase("sinus bradycardia", minutes(15), minutes(20), Shift.of(-32, -1, 0, 0, -14, -6)),
			new Phase("atrial fibrillation with fast ventricular response", minutes(60), minutes(2),
					Shift.of(78, 3, -1, 0, 4, 2).withIrregular(true)),
			new Phase("rate control", minutes(120), minutes(30), Shift.of(-28, -2, 0, 0, 0, 0)))),

	/**
	 * Accidental hypothermia: core temperature falls below 35 Celsius, heart and
	 * respiratory rate slow, the patient becomes drowsy.
	 */
	HYPOTHERMIA(List.of(new Phase("cooling", minutes(10), minutes(180), Shift.of(-16, -4, -1, -3.6, -12, -6)),
			new Phase("responds to voice only", minutes(150), Duration.ZERO,
					Shift.NONE.withConsciousness(Consciousness.V)))),

	/**
	 * Acute haemorrhage (e.g. a post-operative bleed): compensated first (class II:
	 * tachycardia, tachypnoea, narrowing pulse pressure, blood pressure held), then
	 * decompensated (class III: systolic pressure falls below 90 mmHg, heart rate above
	 * 120 /min, respiratory rate near 30 /min) with new confusion. No fever: the skin is
	 * cool.
	 */
	HAEMORRHAGE(List.of(
			new Phase("compensated haemorrhage: tachycardia, tachypnoea", minutes(10), minutes(30),
					Shift.of(32, 6, -1, -0.3, -12, 4)),
			new Phase("decompensated haemorrhage: hypotension", minutes(40), minutes(20),
					Shift.of(24, 7, -3, -0.2, -38, -22)),
			new Phase("new confusion", minutes(60), Duration.ZERO, Shift.NONE.withConsciousness(Consciousness.C)))),

	/**
	 * Opioid-induced respiratory depression (oversedation, e.g. after a PCA or epidural
	 * dose): the patient becomes drowsy, breathing slows below 9 /min and saturation on
	 * air falls, with a mild fall in heart rate and blood pressure; then responds to pain
	 * only.
	 */
	OPIOID_OVERSEDATION(List.of(
			new Phase("sedation: slow shallow breathing", minutes(10), minutes(40), Shift.of(-10, -8, -5, 0, -12, -6)),
			new Phase("responds to voice only", minutes(30), Duration.ZERO,
					Shift.NONE.withConsciousness(Consciousness.V)),
			new Phase("hypoventilation: responds to pain only", minutes(50), minutes(15),
					Shift.of(-4, -2, -5, 0, -6, -4).withConsciousness(Consciousness.P)))),

	/**
	 * A stable patient with a restless half hour: twenty times the usual rate of motion
	 * artefacts, probe-off episodes, dropouts and flatlines.
	 */
	ARTEFACT_STORM(List.of(
			new Phase("restless patient: artefact storm", minutes(5), Duration.ZERO, Shift.NONE.withArtefactFactor(20)),
			new Phase("settled", minutes(35), Duration.ZERO, Shift.NONE.withArtefactFactor(1))));

	private final List<Phase> timeline;

	Scenario(List<Phase> timeline) {
		this.timeline = timeline;
	}

	/**
	 * Returns the timeline.
	 * @return the phases in order of start
	 */
	public List<Phase> timeline() {
		return this.timeline;
	}

	/**
	 * Returns the state of the scenario at a moment.
	 * @param elapsed time since the scenario started (negative counts as zero)
	 * @return the accumulated changes
	 */
	public ScenarioState stateAt(Duration elapsed) {
		double hr = 0;
		double rr = 0;
		double spo2 = 0;
		double temp = 0;
		double sys = 0;
		double dia = 0;
		boolean oxygen = false;
		Consciousness consciousness = Consciousness.A;
		boolean irregular = false;
		double artefactFactor = 1;
		for (Phase phase : this.timeline) {
			double p = phase.progress(elapsed);
			Shift s = phase.shift();
			hr += p * s.heartRate();
			rr += p * s.respRate();
			spo2 += p * s.spo2();
			temp += p * s.temperature();
			sys += p * s.systolic();
			dia += p * s.diastolic();
			if (phase.started(elapsed)) {
				oxygen = (s.oxygen() != null) ? s.oxygen() : oxygen;
				consciousness = (s.consciousness() != null) ? s.consciousness() : consciousness;
				irregular = (s.irregular() != null) ? s.irregular() : irregular;
				artefactFactor = (s.artefactFactor() != null) ? s.artefactFactor() : artefactFactor;
			}
		}
		return new ScenarioState(Shift.of(hr, rr, spo2, temp, sys, dia), oxygen, consciousness, irregular,
				artefactFactor);
	}

	private static Duration minutes(long minutes) {
		return Duration.ofMinutes(minutes);
	}

}
