package care.vitals.ingest.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import care.vitals.ingest.mqtt.LeaseArbiter.Action;
import care.vitals.ingest.mqtt.LeaseArbiter.Decision;
import care.vitals.ingest.mqtt.LeaseArbiter.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of the clinical lease: first rule by rule, then whole contests of two to
 * four instances on a simulated broker (one order of publications, each instance's
 * deliveries late by its own random delay, claims that take their time), thousands of
 * interleavings, each of which must end with exactly one owner, and with no instance
 * claiming twice.
 */
class LeaseArbiterTests {

	private static final long GRACE = 2000;

	@Test
	void aStandbyClaimsAFreeLeaseOrOneStillNamingItself() {
		LeaseArbiter arbiter = new LeaseArbiter("a");
		assertThat(arbiter.evaluate().action()).as("nothing retained").isEqualTo(Action.CLAIM);
		assertThat(arbiter.seen(new LeaseValue("b", "1")).action()).isEqualTo(Action.NONE);
		assertThat(arbiter.evaluate().action()).as("held by another").isEqualTo(Action.NONE);
		assertThat(arbiter.seen(LeaseValue.FREE).action()).isEqualTo(Action.CLAIM);
		assertThat(arbiter.seen(new LeaseValue("a", "old")).action()).as("from before a restart")
			.isEqualTo(Action.CLAIM);
	}

	@Test
	void valuesDeliveredBeforeTheOwnClaimCameBackAreIgnored() {
		LeaseArbiter arbiter = claiming("a", "t1");
		assertThat(arbiter.seen(new LeaseValue("b", "x")).action()).as("published before the claim")
			.isEqualTo(Action.NONE);
		assertThat(arbiter.seen(LeaseValue.FREE).action()).isEqualTo(Action.NONE);
		assertThat(arbiter.seen(new LeaseValue("a", "t0")).action()).as("an older claim of its own")
			.isEqualTo(Action.NONE);
		assertThat(arbiter.confirm().action()).as("not back yet").isEqualTo(Action.NONE);
		assertThat(arbiter.role()).isEqualTo(Role.CLAIMING);
		assertThat(arbiter.seen(new LeaseValue("a", "t1")).action()).isEqualTo(Action.NONE);
		assertThat(arbiter.confirm().action()).isEqualTo(Action.OWN);
		assertThat(arbiter.role()).isEqualTo(Role.OWNER);
	}

	@Test
	void aClaimDeliveredAfterTheOwnOneWins() {
		LeaseArbiter claimant = claiming("a", "t1");
		claimant.seen(new LeaseValue("a", "t1"));
		Decision decision = claimant.seen(new LeaseValue("b", "x"));
		assertThat(decision.action()).isEqualTo(Action.STAND_DOWN);
		assertThat(decision.reason()).contains("held by b");
		LeaseArbiter owner = claiming("a", "t1");
		owner.seen(new LeaseValue("a", "t1"));
		owner.confirm();
		assertThat(owner.seen(new LeaseValue("b", "x")).action()).isEqualTo(Action.STAND_DOWN);
		owner.stoodDown();
		assertThat(owner.evaluate().action()).as("does not compete while that claim stands").isEqualTo(Action.NONE);
	}

	@Test
	void aClearDeliveredAfterTheOwnClaimIsAnsweredByPublishingItAgain() {
		LeaseArbiter owner = claiming("a", "t1");
		owner.seen(new LeaseValue("a", "t1"));
		owner.confirm();
		assertThat(owner.seen(LeaseValue.FREE).action()).isEqualTo(Action.PUBLISH_AGAIN);
		owner.published("t1");
		assertThat(owner.seen(new LeaseValue("b", "x")).action())
			.as("a standby's claim on the clear, published before the owner's again")
			.isEqualTo(Action.NONE);
		assertThat(owner.seen(new LeaseValue("a", "t1")).action()).isEqualTo(Action.NONE);
		assertThat(owner.role()).isEqualTo(Role.OWNER);
	}

	@Test
	void aClaimWithoutTagOfTheSameHolderCountsAsComingBack() {
		LeaseArbiter arbiter = claiming("a", "t1");
		arbiter.seen(new LeaseValue("a", null));
		assertThat(arbiter.confirm().action()).isEqualTo(Action.OWN);
	}

	@Test
	void contestsOnASimulatedBrokerEndWithOneOwnerAndNoSecondClaim() {
		for (int seed = 0; seed < 3000; seed++) {
			Random random = new Random(seed);
			int instances = 2 + random.nextInt(3);
			Contest contest = new Contest(random, instances, 1 + random.nextInt(600), random.nextInt(800));
			contest.run(30_000);
			assertThat(contest.owners()).as("owners at the end, seed %d", seed).isOne();
			assertThat(contest.ownerHoldsRetained()).as("owner holds the retained lease, seed %d", seed).isTrue();
			assertThat(contest.mostOwnersAtOnce).as("never two owners, seed %d", seed).isOne();
			assertThat(contest.mostClaimsOfOne()).as("at most one claim each, seed %d", seed).isOne();
		}
	}

	@Test
	void aReleaseOrALastWillDuringAContestStillEndsWithOneOwner() {
		for (int seed = 0; seed < 3000; seed++) {
			Random random = new Random(seed);
			int instances = 2 + random.nextInt(3);
			Contest contest = new Contest(random, instances, 1 + random.nextInt(600), random.nextInt(800));
			contest.clearAt(random.nextInt(4000));
			contest.run(40_000);
			assertThat(contest.owners()).as("owners at the end, seed %d", seed).isOne();
			assertThat(contest.ownerHoldsRetained()).as("owner holds the retained lease, seed %d", seed).isTrue();
			assertThat(contest.mostOwnersAtOnce).as("never two owners, seed %d", seed).isLessThanOrEqualTo(1);
		}
	}

	private static LeaseArbiter claiming(String self, String tag) {
		LeaseArbiter arbiter = new LeaseArbiter(self);
		arbiter.published(tag);
		return arbiter;
	}

	/**
	 * Instances competing on a simulated broker: the broker orders publications; each
	 * instance gets every value late by its own random delay, in that order, and handles
	 * one thing at a time (a claim keeps it busy while it connects and publishes), as
	 * {@link ClinicalLease} does on its thread.
	 */
	private static final class Contest {

		private final Random random;

		private final long slowestClaim;

		private final long slowestDelivery;

		private final List<Instance> instances = new ArrayList<>();

		private final PriorityQueue<Event> events = new PriorityQueue<>();

		private long sequence;

		private LeaseValue retained = LeaseValue.FREE;

		int mostOwnersAtOnce;

		Contest(Random random, int count, long slowestClaim, long slowestDelivery) {
			this.random = random;
			this.slowestClaim = slowestClaim;
			this.slowestDelivery = slowestDelivery;
			for (int i = 0; i < count; i++) {
				Instance instance = new Instance("ingest-" + i);
				this.instances.add(instance);
				long start = random.nextInt(50);
				at(start, instance, () -> act(instance, instance.arbiter.evaluate()));
				periodic(instance, start + GRACE);
			}
		}

		/** Someone clears the lease at this time (an owner's release, an old Will). */
		void clearAt(long time) {
			at(time, null, () -> publish(LeaseValue.FREE));
		}

		void run(long until) {
			while (!this.events.isEmpty() && this.events.peek().time <= until) {
				Event event = this.events.poll();
				Instance instance = event.instance;
				if (instance != null && event.time < instance.busyUntil) {
					// the instance is still busy: in its order, once it is free
					this.events.add(new Event(instance.busyUntil, event.sequence, instance, event.task));
					continue;
				}
				this.now = event.time;
				event.task.run();
				this.mostOwnersAtOnce = Math.max(this.mostOwnersAtOnce, owners());
			}
		}

		private long now;

		long mostClaimsOfOne() {
			return this.instances.stream().mapToLong((i) -> i.claim).max().orElse(0);
		}

		int owners() {
			return (int) this.instances.stream().filter((i) -> i.arbiter.role() == Role.OWNER).count();
		}

		boolean ownerHoldsRetained() {
			return this.instances.stream()
				.filter((i) -> i.arbiter.role() == Role.OWNER)
				.allMatch((i) -> this.retained.names(i.id));
		}

		private void periodic(Instance instance, long time) {
			at(time, instance, () -> {
				act(instance, instance.arbiter.evaluate());
				periodic(instance, this.now + GRACE);
			});
		}

		private void act(Instance instance, Decision decision) {
			switch (decision.action()) {
				case CLAIM -> {
					instance.claim++;
					instance.tag = instance.id + "#" + instance.claim;
					publishFrom(instance, 1 + nextLong(this.slowestClaim));
					long claim = instance.claim;
					at(instance.busyUntil + GRACE, instance, () -> confirm(instance, claim));
				}
				case PUBLISH_AGAIN -> publishFrom(instance, 1 + nextLong(20));
				case STAND_DOWN -> instance.arbiter.stoodDown();
				case OWN, NONE -> {
				}
			}
		}

		private void confirm(Instance instance, long claim) {
			if (instance.claim != claim || instance.arbiter.role() != Role.CLAIMING) {
				return;
			}
			if (instance.arbiter.confirm().action() != Action.OWN) {
				at(this.now + GRACE, instance, () -> confirm(instance, claim));
			}
		}

		/** The instance publishes its claim: busy until the broker has it. */
		private void publishFrom(Instance instance, long takes) {
			instance.arbiter.published(instance.tag);
			instance.busyUntil = this.now + takes;
			LeaseValue claim = new LeaseValue(instance.id, instance.tag);
			at(instance.busyUntil, null, () -> publish(claim));
		}

		private void publish(LeaseValue value) {
			this.retained = value;
			for (Instance instance : this.instances) {
				instance.delivered = Math.max(instance.delivered, this.now + nextLong(this.slowestDelivery));
				at(instance.delivered, instance, () -> act(instance, instance.arbiter.seen(value)));
			}
		}

		private long nextLong(long bound) {
			return (bound <= 0) ? 0 : this.random.nextLong(bound);
		}

		private void at(long time, Instance instance, Runnable task) {
			this.events.add(new Event(time, this.sequence++, instance, task));
		}

	}

	private static final class Instance {

		final String id;

		final LeaseArbiter arbiter;

		long busyUntil;

		long delivered;

		long claim;

		String tag;

		Instance(String id) {
			this.id = id;
			this.arbiter = new LeaseArbiter(id);
		}

	}

	private record Event(long time, long sequence, Instance instance, Runnable task) implements Comparable<Event> {

		@Override
		public int compareTo(Event other) {
			int byTime = Long.compare(this.time, other.time);
			return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
		}

	}

}
