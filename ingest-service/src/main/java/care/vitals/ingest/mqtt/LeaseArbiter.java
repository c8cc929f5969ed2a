package care.vitals.ingest.mqtt;

import java.util.HashSet;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * The decisions of the clinical lease, apart from its MQTT (docs/scaling.md): one
 * instance's role, from the lease values its state session delivers.
 * <p>
 * <b>The broker's order decides a contest.</b> Of claims published at once, the last is
 * the retained value, and a broker delivers one topic's values to a subscriber in the
 * order it took them. An instance that published (a claim, or as owner its confirmation
 * or a claim again) judges every value by where it stands against its own publication: a
 * value delivered before that publication came back was published earlier and is replaced
 * by it, so it is ignored (reacting to it let two slow claimants stand each other down in
 * turn for ever), and is remembered so that a copy delivered again (a reconnect) is not
 * mistaken for a later one; a claim by another delivered after it is later and wins, so
 * the claimant or owner stands down; a clear delivered after it (an old connection's Last
 * Will, a release) is answered by publishing again. A claim owns once it came back and
 * the grace period passed with nothing later; the new owner then publishes the lease
 * again marked {@code owning}.
 * <p>
 * <b>An owner shows it is alive.</b> It publishes the lease again (a new tag) every
 * {@value #HEARTBEAT} grace periods. A standby that hears nothing from a confirmed owner
 * for {@value #SILENCE} heartbeats plus its random share claims: so a lease left naming
 * an instance that no longer owns (a release that failed, values lost, claims seen in
 * different orders on two broker nodes so that every claimant stood down for another)
 * cannot leave the ward without an owner, and every view of the lease is renewed.
 * <p>
 * <b>An owner fences itself.</b> It counts as owning only while its lease came back
 * within the last {@value #SILENCE} heartbeats ({@link #owns}), the least a standby waits
 * before taking a silent owner for gone.
 * <p>
 * <b>Nothing waits for ever.</b> A publication that has not come back after
 * {@value #PATIENCE} grace periods (lost on the way, refused, or a reconnect that
 * delivered only the retained value) is judged by the last value seen instead: another's
 * claim wins, a clear is answered, its own name counts as come back. A standby that sees
 * another's claim not confirmed as {@code owning} for {@value #PATIENCE} grace periods
 * plus a random share (a claimant that gave up, or claims that each instance saw in a
 * different order, as two nodes of a broker cluster can deliver them) claims itself; the
 * random share, drawn again after each such claim, spreads instances that lost the same
 * contest over up to {@value #SPREAD} more grace periods (their periodic evaluations tick
 * together, so a share smaller than one period would not separate them).
 * <p>
 * Used on the lease's thread only; {@link #role()} and {@link #last()} may be read from
 * any thread.
 */
final class LeaseArbiter {

	/** Grace periods to wait for a publication to come back, or for a claim's owner. */
	static final int PATIENCE = 3;

	/** The most grace periods a standby's random share adds to its patience. */
	static final int SPREAD = 4;

	/** Grace periods between an owner's publications of the lease (its heartbeat). */
	static final int HEARTBEAT = 3;

	/** Heartbeats a standby waits for before it takes a silent owner for gone. */
	static final int SILENCE = 3;

	/** The role of this instance in the clinical output. */
	enum Role {

		/** Evaluates everything, writes and publishes nothing. */
		STANDBY,

		/** Claimed the lease, waiting for its claim to come back and the grace period. */
		CLAIMING,

		/** Owns the clinical output. */
		OWNER

	}

	/** What the lease does next. */
	enum Action {

		/** Nothing. */
		NONE,

		/** Ask {@link #check()} again one grace period later. */
		WAIT,

		/** Connect the lease connection and publish a claim. */
		CLAIM,

		/** Publish the lease again (a new tag) on the lease connection. */
		PUBLISH_AGAIN,

		/** Close the lease connection; this instance is a standby now. */
		STAND_DOWN,

		/** Take over the clinical output and publish the lease as {@code owning}. */
		OWN

	}

	/**
	 * @param action what to do
	 * @param reason why, for the log
	 */
	record Decision(Action action, String reason) {

		static final Decision NONE = new Decision(Action.NONE, "");

		static final Decision WAIT = new Decision(Action.WAIT, "");

	}

	private final String self;

	/** Random numbers from 0 to 1. */
	private final DoubleSupplier random;

	/** The standby's random share of its patience, in grace periods. */
	private double share;

	private volatile Role role = Role.STANDBY;

	/** The lease as last delivered: null before anything arrived. */
	private volatile LeaseValue last;

	/** When {@link #last} last changed, in grace periods (for a standby's patience). */
	private double lastChangedAt;

	/** The tag of this instance's latest publication: null as a standby. */
	private String tag;

	/** Whether the latest publication came back. */
	private boolean echoed;

	/** Checks of the latest publication that found it not come back. */
	private int waits;

	/** When this instance last published, in grace periods. */
	private double publishedAt;

	/** When a publication of this instance last came back, in grace periods. */
	private volatile double echoedAt;

	/** Tagged values delivered before the latest publication came back: older than it. */
	private final Set<LeaseValue> older = new HashSet<>();

	/**
	 * @param self this instance's client id
	 * @param random random numbers from 0 (inclusive) to 1 (exclusive)
	 */
	LeaseArbiter(String self, DoubleSupplier random) {
		this.self = self;
		this.random = random;
		this.share = random.getAsDouble() * SPREAD;
	}

	Role role() {
		return this.role;
	}

	/**
	 * Whether this instance owns the clinical output now: the owner, and its lease came
	 * back within the last {@value #SILENCE} heartbeats. An owner whose heartbeat stalled
	 * (its lease thread blocked, its publications lost) so stops writing before a
	 * standby, which waits at least as long after it last saw the lease and then a grace
	 * period more, can own: no two writers, even with an owner that cannot hear the new
	 * claim.
	 * @param now the time in grace periods
	 */
	boolean owns(double now) {
		return this.role == Role.OWNER && now - this.echoedAt < SILENCE * HEARTBEAT;
	}

	LeaseValue last() {
		return this.last;
	}

	/**
	 * The state session delivered a value of the lease.
	 * @param value the value
	 * @param now the time in grace periods (any origin)
	 * @return what to do
	 */
	Decision seen(LeaseValue value, double now) {
		if (!value.equals(this.last)) {
			this.lastChangedAt = now;
		}
		this.last = value;
		if (this.role == Role.STANDBY) {
			return standby(value, now);
		}
		if (!this.echoed) {
			this.echoed = value.isPublication(this.self, this.tag);
			if (this.echoed) {
				this.echoedAt = now;
			}
			if (!this.echoed && value.tag() != null) {
				this.older.add(value);
			}
			return Decision.NONE;
		}
		return afterEcho(value);
	}

	private Decision afterEcho(LeaseValue value) {
		if (value.free()) {
			return new Decision(Action.PUBLISH_AGAIN, "the lease was cleared after this instance's publication");
		}
		if (value.names(this.self) || this.older.contains(value)) {
			// an earlier publication of this instance, or an older one delivered again
			return Decision.NONE;
		}
		return new Decision(Action.STAND_DOWN, "the lease is held by " + value.holder() + ", claimed later");
	}

	/**
	 * At start and periodically: a standby claims a free lease, or one whose claimant
	 * never confirmed owning, or whose owner fell silent; an owner publishes its
	 * heartbeat.
	 * @param now the time in grace periods (same origin as {@link #seen})
	 * @return what to do
	 */
	Decision evaluate(double now) {
		if (this.role == Role.STANDBY) {
			return standby(this.last, now);
		}
		if (this.role == Role.OWNER && !owns(now)) {
			// stalled for so long that a standby may have claimed meanwhile: do not
			// assert it again, compete afresh
			return new Decision(Action.STAND_DOWN, "the lease has not come back for " + SILENCE + " heartbeats");
		}
		if (this.role == Role.OWNER && this.echoed && now - this.publishedAt >= HEARTBEAT) {
			return new Decision(Action.PUBLISH_AGAIN, "heartbeat");
		}
		return Decision.NONE;
	}

	private Decision standby(LeaseValue value, double now) {
		if (value == null || value.free()) {
			return new Decision(Action.CLAIM, "the lease is free");
		}
		if (value.names(this.self)) {
			// from before a restart, or a publication given up before it came back: the
			// retained lease names this instance and nobody owns
			return new Decision(Action.CLAIM, "the lease still names this instance");
		}
		if (value.tag() == null) {
			// from a broker that drops user properties, or from before tags: an owner
			// cannot be told from a claimant, nor its heartbeat seen; trusted
			return Decision.NONE;
		}
		double quiet = now - this.lastChangedAt;
		if (!value.owning() && quiet >= PATIENCE + this.share) {
			this.share = this.random.getAsDouble() * SPREAD;
			return new Decision(Action.CLAIM, "the claim of " + value.holder() + " was not confirmed");
		}
		if (value.owning() && quiet >= SILENCE * HEARTBEAT + this.share) {
			this.share = this.random.getAsDouble() * SPREAD;
			return new Decision(Action.CLAIM, "the owner " + value.holder() + " fell silent");
		}
		return Decision.NONE;
	}

	/**
	 * This instance published the lease (a claim, a confirmation, again) with this tag.
	 * @param publicationTag the tag
	 * @param now the time in grace periods
	 */
	void published(String publicationTag, double now) {
		this.publishedAt = now;
		if (this.role == Role.STANDBY) {
			this.role = Role.CLAIMING;
		}
		this.tag = publicationTag;
		this.echoed = false;
		this.waits = 0;
		this.older.clear();
	}

	/**
	 * One grace period after a publication, and every grace period after while it asks to
	 * {@link Action#WAIT}: a claim that came back owns; one that has not waits, up to
	 * {@value #PATIENCE} times, then is judged by the last value seen.
	 * @param now the time in grace periods
	 * @return what to do
	 */
	Decision check(double now) {
		if (this.role == Role.STANDBY) {
			return Decision.NONE;
		}
		if (!this.echoed && ++this.waits < PATIENCE) {
			return Decision.WAIT;
		}
		if (!this.echoed) {
			LeaseValue value = this.last;
			if (value == null || value.free()) {
				return new Decision(Action.PUBLISH_AGAIN, "the publication did not come back; the lease is free");
			}
			if (!value.names(this.self)) {
				return new Decision(Action.STAND_DOWN,
						"the publication did not come back; the lease is held by " + value.holder());
			}
			this.echoed = true;
			this.echoedAt = now;
		}
		if (this.role == Role.CLAIMING) {
			this.role = Role.OWNER;
			return new Decision(Action.OWN, "the claim came back and nothing later arrived");
		}
		return Decision.NONE;
	}

	/** This instance stood down (or lost its lease connection, or stopped). */
	void stoodDown() {
		this.role = Role.STANDBY;
		this.tag = null;
		this.echoed = false;
		this.waits = 0;
		this.older.clear();
	}

}
