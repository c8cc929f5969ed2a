package care.vitals.model.alarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.vitals.model.news2.FreshnessWindows;
import care.vitals.model.news2.News2Score;
import care.vitals.model.news2.PatientVitalsWindow;
import care.vitals.model.news2.SpO2Scale;
import care.vitals.model.parameter.Parameter;
import care.vitals.model.reading.Consciousness;
import care.vitals.model.reading.Reading;
import care.vitals.model.reading.Source;
import org.junit.jupiter.api.Test;

import static care.vitals.model.alarm.AlarmFixtures.BED_12;
import static care.vitals.model.alarm.AlarmFixtures.MONITOR;
import static care.vitals.model.alarm.AlarmFixtures.T0;
import static care.vitals.model.alarm.AlarmFixtures.at;
import static care.vitals.model.alarm.AlarmFixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that a scripted respiratory deterioration, 30 minutes of monitor readings at 1
 * Hz wired the way the ingest wires them (alarm engine, artefact filter, NEWS2 window
 * scored every minute, ticks every second), produces exactly the expected transitions in
 * order.
 */
class RespiratoryDeteriorationScenarioTests {

	/** SpO2, respiration rate, pulse per minute of the script; oxygen from minute 25. */
	private static final double[][] SCRIPT = { { 96, 16, 80 }, { 96, 16, 80 }, { 96, 16, 80 }, { 96, 16, 80 },
			{ 96, 16, 80 }, { 96, 16, 80 }, { 96, 16, 80 }, { 96, 16, 80 }, { 96, 16, 80 }, { 96, 16, 80 },
			{ 95, 18, 84 }, { 94, 19, 88 }, { 93, 20, 92 }, { 92, 21, 96 }, { 91, 22, 100 }, { 90, 23, 104 },
			{ 89, 24, 108 }, { 88, 25, 112 }, { 87, 26, 116 }, { 86, 28, 118 }, { 84, 31, 118 }, { 84, 31, 118 },
			{ 84, 31, 118 }, { 84, 31, 118 }, { 84, 31, 118 }, { 88, 28, 110 }, { 91, 24, 100 }, { 93, 22, 96 },
			{ 94, 20, 90 }, { 94, 20, 90 } };

	private static final int OXYGEN_FROM_MINUTE = 25;

	@Test
	void producesExactlyTheExpectedTransitionsInOrder() {
		AlarmEngine engine = new AlarmEngine(AlarmFixtures.rules());
		PatientVitalsWindow window = new PatientVitalsWindow(FreshnessWindows.defaults());
		List<AlarmTransition> transitions = new ArrayList<>();
		engine.assign(BED_12, MONITOR, T0);
		Reading nurse = new Reading("obs-1", T0, null,
				Map.of(Parameter.SYSTOLIC_BP, 125.0, Parameter.TEMPERATURE, 37.0), null, Consciousness.A);
		transitions.addAll(engine.onReading(BED_12, nurse));
		engine.artefactFree(BED_12.patient(), nurse).ifPresent((r) -> window.accept(r, Source.staff("nurse.jones")));
		List<Integer> totals = new ArrayList<>();
		for (int second = 0; second < SCRIPT.length * 60; second++) {
			int minute = second / 60;
			Reading reading = monitor(second, SCRIPT[minute], minute >= OXYGEN_FROM_MINUTE);
			transitions.addAll(engine.onReading(BED_12, reading));
			engine.artefactFree(BED_12.patient(), reading).ifPresent(window::accept);
			if (second % 60 == 0) {
				News2Score score = window.score(reading.timestamp(), SpO2Scale.SCALE_1);
				assertThat(score.partial()).isFalse();
				totals.add(score.total());
				transitions.addAll(engine.onScore(BED_12, score));
			}
			if (second == 17 * 60 + 30) {
				String news2High = engine.active(BED_12.patient())
					.stream()
					.filter((alarm) -> alarm.kind().startsWith("news2_"))
					.findFirst()
					.orElseThrow()
					.alarmId();
				AckOutcome ack = engine.acknowledge(news2High, "nurse.jones", at(second));
				transitions.add(((AckOutcome.Acknowledged) ack).transition());
			}
			transitions.addAll(engine.tick(at(second)));
		}
		// each minute's device values are the median of the last 2 minutes
		// (PatientVitalsWindow.SMOOTHING): a change counts about a minute later
		assertThat(totals).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3, 5, 6, 6, 6, 8, 8, 8, 8, 8, 8, 8,
				10, 9, 8, 7, 3);
		assertThat(describe(transitions)).containsExactly(
				// 14:00 NEWS2 5 (the 13:00 change counts a minute later: smoothing)
				"news2_medium MEDIUM RAISED @840",
				// 15:00 NEWS2 6: the same alarm, its text and value follow
				"news2_medium MEDIUM RAISED (updated)",
				// 16:00 SpO2 89 + 15 s delay (limit alarms are not smoothed)
				"spo2_low MEDIUM RAISED @975",
				// 17:00 RR 25 + 20 s delay
				"resp_rate_high MEDIUM RAISED @1040",
				// 17:30 acknowledged at the bedside (still medium)
				"news2_medium MEDIUM ACKNOWLEDGED @1050",
				// 18:00 NEWS2 8: the band rises, the acknowledged alarm is raised again
				// (re-alert, same id) and, unacknowledged since 14:00 as an episode but
				// raised again only now, goes to the nurse in charge 2 min later
				"news2_high HIGH RAISED @1080",
				// 20:00 SpO2 84 and RR 31 pass the critical limits: the same alarms,
				// escalated in place to high; unacknowledged since 16:15 and 17:20, they
				// go to the nurse in charge at once
				"news2_high HIGH RAISED escalated 1", "spo2_low HIGH RAISED (updated)",
				"spo2_low HIGH RAISED escalated 1", "resp_rate_high HIGH RAISED (updated)",
				"resp_rate_high HIGH RAISED escalated 1",
				// then to the response team
				"spo2_low HIGH RAISED escalated 2", "resp_rate_high HIGH RAISED escalated 2",
				"news2_high HIGH RAISED escalated 2",
				// 26:00 NEWS2 10, 27:00 9, 28:00 8: the text follows
				"news2_high HIGH RAISED (updated)", "news2_high HIGH RAISED (updated)",
				"news2_high HIGH RAISED (updated)",
				// back inside by the hysteresis, for the clear delays: unacknowledged
				// high alarms latch
				"spo2_low HIGH RAISED (updated)", "resp_rate_high HIGH RAISED (updated)",
				// 29:00 NEWS2 7, then NEWS2 3 held high for the hold period
				"news2_high HIGH RAISED (updated)", "news2_high HIGH RAISED (updated)");
		assertThat(engine.active(BED_12.patient())).extracting(Alarm::kind).contains("news2_high");
		assertThat(describe(engine.tick(at(29 * 60 + 300))))
			.as("5 minutes of NEWS2 3 end the episode (the monitor has stopped meanwhile); nobody acknowledged"
					+ " the re-alert, so the alarm latches")
			.containsExactly("no_data MEDIUM RAISED @2040", "news2_high HIGH RAISED (updated)");
	}

	private static Reading monitor(int second, double[] values, boolean oxygen) {
		Map<Parameter, Double> map = new LinkedHashMap<>();
		map.put(Parameter.SPO2, values[0]);
		map.put(Parameter.RESP_RATE, values[1]);
		map.put(Parameter.HEART_RATE, values[2]);
		return new Reading(MONITOR, at(second), (long) second, map, oxygen, null);
	}

}
