package care.vitals.model.alarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import care.vitals.model.alarm.LimitTracker.Limits;
import care.vitals.model.alarm.LimitTracker.Side;
import care.vitals.model.alarm.LimitTracker.Tier;
import care.vitals.model.news2.News2Risk;

/**
 * Writes the {@link RiskTable} out as rows for people (docs/clinical.md): conditions with
 * the limits, delays and timeouts of a set of rules, and the ward's response.
 */
final class RiskRows {

	private RiskRows() {
	}

	static List<RiskRow> of(AlarmRules rules) {
		List<RiskRow> rows = new ArrayList<>();
		if (rules.news2Alarms()) {
			news2(rows, News2Risk.HIGH, "NEWS2 total 7 or more");
			news2(rows, News2Risk.MEDIUM, "NEWS2 total 5-6");
			news2(rows, News2Risk.LOW_MEDIUM, "a single NEWS2 parameter scores 3 (total below 5)");
		}
		for (ThresholdRule rule : rules.thresholds().values()) {
			if (rule.enabled()) {
				limits(rows, rule);
			}
		}
		technical(rows, rules.technical());
		return List.copyOf(rows);
	}

	private static void news2(List<RiskRow> rows, News2Risk risk, String condition) {
		AlarmPriority priority = RiskTable.news2Priority(risk).orElseThrow();
		rows.add(new RiskRow(RiskTable.news2Kind(risk).orElseThrow(), condition, priority, RiskTable.colour(priority),
				risk.response()));
	}

	private static void limits(List<RiskRow> rows, ThresholdRule rule) {
		String delay = rule.delay().isZero() ? "" : " for " + seconds(rule.delay());
		for (Side side : Side.values()) {
			List<Tier> tiers = new ArrayList<>(Limits.of(rule, side).map(Limits::tiers).orElse(List.of()));
			Collections.reverse(tiers);
			for (Tier tier : tiers) {
				String condition = Labels.name(rule.parameter()) + ((side == Side.LOW) ? " < " : " > ")
						+ Labels.quantity(rule.parameter(), tier.limit()) + delay;
				String response = (tier.priority() == AlarmPriority.HIGH) ? "Immediate response: go to the bedside"
						: "Prompt response: assess the patient";
				rows.add(new RiskRow(RiskTable.kind(rule.parameter(), side), condition, tier.priority(),
						RiskTable.colour(tier.priority()), response));
			}
		}
	}

	private static void technical(List<RiskRow> rows, TechnicalRules technical) {
		String notMonitored = "Prompt response: the patient is not monitored; ";
		fixed(rows, AlarmKinds.PROBE_OFF, "the device reports a probe off", notMonitored + "check the sensor");
		fixed(rows, AlarmKinds.LEAD_OFF, "the device reports a lead off", notMonitored + "check the leads");
		fixed(rows, AlarmKinds.SENSOR_DISCONNECTED, "the device reports a sensor disconnected",
				notMonitored + "check the sensor");
		fixed(rows, AlarmKinds.DEVICE_OFFLINE, "the device reports offline (or its connection broke)",
				notMonitored + "check power and connection");
		fixed(rows, AlarmKinds.NO_DATA,
				"an assigned online device sends no reading for " + seconds(technical.noDataTimeout()),
				notMonitored + "check sensor and device");
		fixed(rows, AlarmKinds.IMPLAUSIBLE_VALUE, "the device sends a physiologically impossible value (rejected)",
				"Prompt response: check the sensor and device");
		rows.add(battery(technical.batteryCritical(), true, "Prompt response: charge or replace the battery now"));
		rows.add(battery(technical.batteryLow(), false, "Awareness: charge or replace the battery"));
		fixed(rows, AlarmKinds.SEQUENCE_GAP, "the device's sequence numbers show missed readings",
				"Awareness: readings were lost; check the connection");
		fixed(rows, AlarmKinds.CLOCK_SKEW, "the device's clock is off by more than the tolerance",
				"Awareness: times are corrected; set the device's clock");
		fixed(rows, AlarmKinds.SOURCES_DISAGREE, "two devices' values of one parameter differ beyond a margin",
				"Awareness: check which device is right (the worse value counts)");
		fixed(rows, AlarmKinds.LIMIT_CHANGED, "a limit is off, delayed longer or wider than the default",
				"Awareness: the bed is monitored less strictly (who and when are named)");
	}

	private static void fixed(List<RiskRow> rows, String kind, String condition, String response) {
		AlarmPriority priority = RiskTable.priority(kind);
		rows.add(new RiskRow(kind, condition, priority, RiskTable.colour(priority), response));
	}

	private static RiskRow battery(double level, boolean critical, String response) {
		AlarmPriority priority = RiskTable.batteryPriority(critical);
		return new RiskRow(AlarmKinds.BATTERY_LOW, "battery < " + Labels.number(level) + " %", priority,
				RiskTable.colour(priority), response);
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + " s";
	}

}
