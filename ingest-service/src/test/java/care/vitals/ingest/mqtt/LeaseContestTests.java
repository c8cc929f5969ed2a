package care.vitals.ingest.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.DoubleSupplier;

import care.vitals.ingest.mqtt.LeaseArbiter.Action;
import care.vitals.ingest.mqtt.LeaseArbiter.Decision;
import care.vitals.ingest.mqtt.LeaseArbiter.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole contests for the clinical lease on a simulated broker, thousands of interleavings
 * each: the broker orders publications (per node, for a cluster of nodes that each
 * deliver their own clients' publications first); each instance gets every value late by
 * its own random delay, in that order, and handles one thing at a time (a claim keeps it
 * busy while it connects and publishes), as {@link ClinicalLease} does on its thread,
 * with its checks one grace period after each publication and its periodic evaluation.
 * Every contest must end with exactly one owner that every instance sees as the holder.
 */
class LeaseContestTests {

	private static final long GRACE = 2000;

	@Test
	void onOneBrokerEveryContestEndsWithOneOwnerAfterOneClaimEachAndNeverTwoAtOnce() {
		for (int seed = 0; seed < 2000; seed++) {
			Random random = new Random(seed);
			Contest contest = Contest.onOneBroker(random);
			contest.join(15_000 + random.nextInt(5000));
			contest.run(40_000);
			contest.assertOneOwner(seed);
			assertThat(contest.mostOwnersAtOnce).as("never two owners, seed %d", seed).isOne();
			assertThat(contest.mostClaimsOfOne()).as("at most one claim each, seed %d", seed).isOne();
			assertThat(contest.joiner.claims).as("a late joiner stays a standby, seed %d", seed).isZero();
		}
	}

	@Test
	void aClearDuringAContestStillEndsWithOneOwner() {
		for (int seed = 0; seed < 2000; seed++) {
			Random random = new Random(seed);
			Contest contest = Contest.onOneBroker(random);
			contest.clearAt(random.nextInt(8000));
			contest.run(60_000);
			contest.assertOneOwner(seed);
			assertThat(contest.mostOwnersAtOnce).as("never two owners, seed %d", seed).isLessThanOrEqualTo(1);
		}
	}

	/**
	 * An owner whose lease thread blocks for 20-40 s (a take-over waiting on a full
	 * writer): its heartbeat stops, a standby takes it for gone and claims, which the
	 * blocked owner cannot hear; it has stopped writing by then (it fences itself), so
	 * there are never two writers, and once it runs again it stands down.
	 */
	@Test
	void anOwnerThatStallsIsReplacedWithoutTwoWriters() {
		for (int seed = 0; seed < 2000; seed++) {
			Random random = new Random(seed);
			Contest contest = Contest.onOneBroker(random);
			contest.stallOwnerAt(10_000 + random.nextInt(10_000), 20_000 + random.nextInt(20_000));
			contest.run(90_000);
			contest.assertOneOwner(seed);
			assertThat(contest.mostWritersAtOnce).as("never two writers, seed %d", seed).isOne();
		}
	}

	/**
	 * Two or three broker nodes, each delivering its own clients' publications before
	 * those forwarded from the others: instances can see simultaneous claims in different
	 * orders, each stand down for the other's, and wait for a confirmation that never
	 * comes; their patience (with its random share) ends it.
	 */
	@Test
	void onABrokerClusterEveryContestEndsWithOneOwner() {
		for (int seed = 0; seed < 2000; seed++) {
			Random random = new Random(seed);
			Contest contest = new Contest(random, 2 + random.nextInt(3), 2 + random.nextInt(2), 1 + random.nextInt(300),
					random.nextInt(100));
			contest.clusterLatency = 1 + random.nextInt(50);
			contest.run(60_000);
			contest.assertOneOwner(seed);
			assertThat(contest.mostOwnersAtOnce).as("never two owners, seed %d", seed).isLessThanOrEqualTo(1);
		}
	}

	/**
	 * Values lost on the way to an instance, and the last few delivered again (a state
	 * session that reconnects): a publication that never comes back is judged after the
	 * patience; nobody stays blind or waits for ever.
	 */
	@Test
	void withLostAndRepeatedValuesEveryContestEndsWithOneOwner() {
		for (int seed = 0; seed < 2000; seed++) {
			Random random = new Random(seed);
			Contest contest = Contest.onOneBroker(random);
			contest.lossRate = 0.05 + random.nextDouble() * 0.2;
			contest.repeatRate = random.nextDouble() * 0.2;
			contest.clearAt(random.nextInt(8000));
			contest.run(40_000);
			contest.lossRate = 0;
			contest.repeatRate = 0;
			contest.run(120_000);
			// (a standby that lost the last values keeps an older view until the next)
			contest.assertOwnerRetained(seed);
		}
	}

	private static final class Contest {

		private final Random random;

		private final int nodes;

		private final long slowestClaim;

		private final long slowestDelivery;

		private final List<Instance> instances = new ArrayList<>();

		private final PriorityQueue<Event> events = new PriorityQueue<>();

		private final LeaseValue[] retained;

		long clusterLatency;

		double lossRate;

		double repeatRate;

		Instance joiner;

		int mostOwnersAtOnce;

		int mostWritersAtOnce;

		private long sequence;

		private long now;

		/**
		 * 2-4 instances on one broker, claims taking up to 600 ms, deliveries up to 800
		 * ms late.
		 */
		static Contest onOneBroker(Random random) {
			return new Contest(random, 2 + random.nextInt(3), 1, 1 + random.nextInt(600), random.nextInt(800));
		}

		Contest(Random random, int count, int nodes, long slowestClaim, long slowestDelivery) {
			this.random = random;
			this.nodes = nodes;
			this.slowestClaim = slowestClaim;
			this.slowestDelivery = slowestDelivery;
			this.retained = new LeaseValue[nodes];
			for (int i = 0; i < count; i++) {
				start(random.nextInt(50));
			}
		}

		/**
		 * One more instance starts at this time; as in the service, its lease starts once
		 * the retained value has arrived.
		 */
		void join(long time) {
			at(time, null, () -> {
				Instance instance = new Instance("ingest-" + this.instances.size(), this.random::nextDouble,
						this.instances.size() % this.nodes);
				this.instances.add(instance);
				this.joiner = instance;
				LeaseValue current = this.retained[instance.node];
				if (current != null) {
					deliver(instance, current, this.now + nextLong(this.slowestDelivery));
				}
				begin(instance, Math.max(this.now, instance.delivered));
			});
		}

		/** Someone clears the lease at this time (an old connection's Will). */
		void clearAt(long time) {
			at(time, null, () -> publish(LeaseValue.FREE, 0));
		}

		void run(long until) {
			while (!this.events.isEmpty() && this.events.peek().time <= until) {
				Event event = this.events.poll();
				Instance instance = event.instance;
				if (instance != null && event.time < instance.busyUntil) {
					// still busy: in its order, once it is free
					this.events.add(new Event(instance.busyUntil, event.sequence, instance, event.task));
					continue;
				}
				this.now = event.time;
				event.task.run();
				this.mostOwnersAtOnce = Math.max(this.mostOwnersAtOnce, owners());
				this.mostWritersAtOnce = Math.max(this.mostWritersAtOnce, writers());
			}
		}

		void assertOneOwner(int seed) {
			Instance owner = assertOwnerRetained(seed);
			for (Instance instance : this.instances) {
				// (the owner's own confirmation may have been lost on its way back to it)
				assertThat(instance.arbiter.last()).as("lease seen by %s, seed %d", instance.id, seed)
					.satisfies((v) -> assertThat(v.names(owner.id) && (v.owning() || instance == owner)).isTrue());
			}
		}

		/** One owner, and every node's retained value names it. */
		Instance assertOwnerRetained(int seed) {
			assertThat(owners()).as("owners at the end, seed %d", seed).isOne();
			Instance owner = this.instances.stream()
				.filter((i) -> i.arbiter.role() == Role.OWNER)
				.findFirst()
				.orElseThrow();
			assertThat(this.retained).as("retained on every node, seed %d", seed)
				.allSatisfy((v) -> assertThat(v.names(owner.id)).isTrue());
			return owner;
		}

		long mostClaimsOfOne() {
			return this.instances.stream().mapToLong((i) -> i.claims).max().orElse(0);
		}

		/** Instances that would write clinical output now ({@link LeaseArbiter#owns}). */
		int writers() {
			return (int) this.instances.stream().filter((i) -> i.arbiter.owns(grace())).count();
		}

		/** The owner's lease thread blocks (a take-over waiting on a full writer). */
		void stallOwnerAt(long time, long stall) {
			at(time, null,
					() -> this.instances.stream()
						.filter((i) -> i.arbiter.role() == Role.OWNER)
						.forEach((i) -> i.busyUntil = this.now + stall));
		}

		int owners() {
			return (int) this.instances.stream().filter((i) -> i.arbiter.role() == Role.OWNER).count();
		}

		private void start(long time) {
			Instance instance = new Instance("ingest-" + this.instances.size(), this.random::nextDouble,
					this.instances.size() % this.nodes);
			this.instances.add(instance);
			begin(instance, time);
		}

		private void begin(Instance instance, long time) {
			at(time, instance, () -> act(instance, instance.arbiter.evaluate(grace())));
			periodic(instance, time + GRACE);
		}

		private double grace() {
			return this.now / (double) GRACE;
		}

		private void periodic(Instance instance, long time) {
			at(time, instance, () -> {
				act(instance, instance.arbiter.evaluate(grace()));
				periodic(instance, this.now + GRACE);
			});
		}

		private void act(Instance instance, Decision decision) {
			switch (decision.action()) {
				case CLAIM -> {
					instance.claims++;
					publishFrom(instance, false, 1 + nextLong(this.slowestClaim));
				}
				case PUBLISH_AGAIN -> publishFrom(instance, instance.arbiter.role() == Role.OWNER, 1 + nextLong(20));
				case STAND_DOWN -> instance.arbiter.stoodDown();
				case OWN -> publishFrom(instance, true, 1 + nextLong(20));
				case NONE, WAIT -> {
				}
			}
		}

		/** The instance publishes the lease: busy until the broker has it. */
		private void publishFrom(Instance instance, boolean owning, long takes) {
			String tag = instance.id + "#" + (++instance.publications);
			long publication = instance.publications;
			instance.arbiter.published(tag, grace());
			instance.busyUntil = this.now + takes;
			LeaseValue value = new LeaseValue(instance.id, tag, owning);
			at(instance.busyUntil, null, () -> publish(value, instance.node));
			at(instance.busyUntil + GRACE, instance, () -> check(instance, publication));
		}

		private void check(Instance instance, long publication) {
			if (instance.publications != publication || instance.arbiter.role() == Role.STANDBY) {
				return;
			}
			Decision decision = instance.arbiter.check(grace());
			if (decision.action() == Action.WAIT) {
				at(this.now + GRACE, instance, () -> check(instance, publication));
				return;
			}
			act(instance, decision);
		}

		/** The node the publisher is connected to takes it first, the others later. */
		private void publish(LeaseValue value, int node) {
			for (int n = 0; n < this.nodes; n++) {
				long arrives = this.now + ((n == node) ? 0 : this.clusterLatency);
				int target = n;
				at(arrives, null, () -> {
					this.retained[target] = value;
					for (Instance instance : this.instances) {
						if (instance.node == target) {
							deliver(instance, value, this.now + nextLong(this.slowestDelivery));
						}
					}
				});
			}
		}

		private void deliver(Instance instance, LeaseValue value, long time) {
			if (this.random.nextDouble() < this.lossRate) {
				return;
			}
			instance.delivered = Math.max(instance.delivered, time);
			instance.scheduled.addLast(value);
			if (instance.scheduled.size() > 3) {
				instance.scheduled.removeFirst();
			}
			at(instance.delivered, instance, () -> {
				act(instance, instance.arbiter.seen(value, grace()));
				if (this.random.nextDouble() < this.repeatRate) {
					// a reconnect: the unacknowledged tail once more, in order, before
					// anything newer
					for (LeaseValue again : List.copyOf(instance.scheduled)) {
						instance.delivered = Math.max(instance.delivered, this.now + nextLong(500));
						at(instance.delivered, instance, () -> act(instance, instance.arbiter.seen(again, grace())));
					}
				}
			});
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

		final int node;

		/** The last values scheduled for delivery to it, the newest last. */
		final Deque<LeaseValue> scheduled = new ArrayDeque<>();

		long busyUntil;

		long delivered;

		long claims;

		long publications;

		Instance(String id, DoubleSupplier random, int node) {
			this.id = id;
			this.arbiter = new LeaseArbiter(id, random);
			this.node = node;
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
