package care.vitals.burden;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import care.vitals.model.alarm.ThresholdRule;
import care.vitals.model.parameter.Parameter;

/**
 * What one run produced, with what is needed to judge it.
 *
 * @param plan the plan that ran
 * @param alarms every alarm signal, in order
 * @param resolved when each resolved alarm resolved, by alarm id
 * @param indications {@code limit_changed} indications raised (not alarms)
 * @param episodes the artefact episodes of each bed's devices, by bed
 * @param truths the ground truth of each bed, by bed
 * @param rules the limit rules in force at the end, by patient and parameter
 * @param deadDevices the devices whose battery went flat, and when
 * @param messages how many messages went from the devices to the engine
 */
record RunResult(WardPlan plan, List<AlarmRecord> alarms, Map<String, Instant> resolved, int indications,
		Map<Integer, List<Episode>> episodes, Map<Integer, Truth> truths,
		Map<String, Map<Parameter, ThresholdRule>> rules, Map<String, Instant> deadDevices, long messages) {

	BedPlan bed(int bed) {
		return this.plan.beds().get(bed - 1);
	}

	Instant end() {
		return this.plan.origin().plus(this.plan.length());
	}

}
