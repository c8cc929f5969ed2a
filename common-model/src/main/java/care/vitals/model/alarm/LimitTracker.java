package care.vitals.model.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import care.vitals.model.parameter.Parameter;

/**
 * The delay, escalation and hysteresis state machine of one side (low or high) of one
 * limit alarm; see {@link ThresholdRule} for the rules it implements. Runs on data time
 * and ignores values older than the last one it saw.
 */
final class LimitTracker {

	private static final int PRIORITIES = AlarmPriority.values().length;

	/**
	 * When each priority's limit was first violated in the current run, by priority
	 * ordinal; {@code null} until a value violates (most trackers of a ward never see
	 * one).
	 */
	private Instant[] onsets;

	private Instant clearSince;

	private Instant lastAt;

	/**
	 * Evaluates one value.
	 * @param limits the limits of this side
	 * @param value the value
	 * @param at its timestamp
	 * @param active the priority of this side's active alarm, or {@code null} if none
	 * @return what to do
	 */
	Step evaluate(Limits limits, double value, Instant at, AlarmPriority active) {
		if (this.lastAt != null && at.isBefore(this.lastAt)) {
			return Step.NONE;
		}
		this.lastAt = at;
		Tier confirmed = null;
		for (Tier tier : limits.tiers()) {
			int priority = tier.priority().ordinal();
			if (limits.violates(value, tier.limit())) {
				if (this.onsets == null) {
					this.onsets = new Instant[PRIORITIES];
				}
				if (this.onsets[priority] == null) {
					this.onsets[priority] = at;
				}
				if (!at.isBefore(this.onsets[priority].plus(limits.delay()))) {
					confirmed = tier;
				}
			}
			else if (this.onsets != null) {
				this.onsets[priority] = null;
			}
		}
		if (active == null) {
			this.clearSince = null;
			return (confirmed != null) ? Step.raise(confirmed) : Step.NONE;
		}
		if (confirmed != null && confirmed.priority().compareTo(active) < 0) {
			this.clearSince = null;
			return Step.raise(confirmed);
		}
		if (!limits.clears(value)) {
			this.clearSince = null;
			return Step.NONE;
		}
		if (this.clearSince == null) {
			this.clearSince = at;
		}
		if (at.isBefore(this.clearSince.plus(limits.clearDelay()))) {
			return Step.NONE;
		}
		this.clearSince = null;
		return Step.RESOLVE;
	}

	/**
	 * Forgets running delays (not the alarm itself): values after an artefact or a rule
	 * change start afresh.
	 */
	void interrupt() {
		this.onsets = null;
		this.clearSince = null;
	}

	/** Which side of a limit alarm. */
	enum Side {

		/** Values below the limits violate. */
		LOW,

		/** Values above the limits violate. */
		HIGH;

		/** Both sides, low first (without the copy {@code values()} makes). */
		static final List<Side> BOTH = List.of(values());

	}

	/**
	 * One limit and the priority it raises.
	 */
	record Tier(double limit, AlarmPriority priority) {

	}

	/**
	 * The limits of one side, least severe (outer) first.
	 */
	record Limits(Side side, List<Tier> tiers, Duration delay, double hysteresis, Duration clearDelay) {

		/**
		 * The limits of both sides of every rule in use, computed once per rule (this
		 * runs for every value of every limited parameter). Weak keys: a rule that no
		 * patient and no default holds any more (a replaced override) leaves with it.
		 */
		private static final Map<ThresholdRule, Sides> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

		/**
		 * The rule last looked up for each parameter, by identity: the defaults are the
		 * same instances for every patient, so nearly every value finds its limits here
		 * without the cache's lock and the record's hash of nine fields. Holds at most
		 * one rule per parameter.
		 */
		private static final AtomicReferenceArray<Recent> RECENT = new AtomicReferenceArray<>(
				Parameter.values().length);

		static Optional<Limits> of(ThresholdRule rule, Side side) {
			int slot = rule.parameter().ordinal();
			Recent recent = RECENT.get(slot);
			Sides sides;
			if (recent != null && recent.rule() == rule) {
				sides = recent.sides();
			}
			else {
				sides = CACHE.computeIfAbsent(rule, (r) -> new Sides(build(r, Side.LOW), build(r, Side.HIGH)));
				RECENT.set(slot, new Recent(rule, sides));
			}
			return (side == Side.LOW) ? sides.low() : sides.high();
		}

		private static Optional<Limits> build(ThresholdRule rule, Side side) {
			Double outer = (side == Side.LOW) ? rule.low() : rule.high();
			Double critical = (side == Side.LOW) ? rule.criticalLow() : rule.criticalHigh();
			List<Tier> tiers;
			if (outer != null && critical != null) {
				tiers = List.of(new Tier(outer, RiskTable.limitPriority(false)),
						new Tier(critical, RiskTable.limitPriority(true)));
			}
			else if (outer != null) {
				tiers = List.of(new Tier(outer, RiskTable.limitPriority(false)));
			}
			else if (critical != null) {
				tiers = List.of(new Tier(critical, RiskTable.limitPriority(true)));
			}
			else {
				return Optional.empty();
			}
			return Optional.of(new Limits(side, tiers, rule.delay(), rule.hysteresis(), rule.clearDelay()));
		}

		/** Both sides of one rule; refers to nothing of the rule itself (weak key). */
		private record Sides(Optional<Limits> low, Optional<Limits> high) {
		}

		/** A rule and its limits. */
		private record Recent(ThresholdRule rule, Sides sides) {
		}

		boolean violates(double value, double limit) {
			return (this.side == Side.LOW) ? value < limit : value > limit;
		}

		boolean clears(double value) {
			double outer = this.tiers.get(0).limit();
			return (this.side == Side.LOW) ? value >= outer + this.hysteresis : value <= outer - this.hysteresis;
		}

	}

	/**
	 * The outcome of one value: nothing, raise (or escalate to) a tier, or resolve.
	 */
	record Step(Tier raise, boolean resolve) {

		static final Step NONE = new Step(null, false);

		static final Step RESOLVE = new Step(null, true);

		static Step raise(Tier tier) {
			return new Step(tier, false);
		}

	}

}
