package care.vitals.ingest.mqtt;

/**
 * The decisions of the clinical lease, apart from its MQTT (docs/scaling.md): one
 * instance's role, from the lease values its state session delivers, which arrive in the
 * broker's order.
 * <p>
 * The broker's order decides a contest: of claims published at once, the last is the
 * retained value everywhere. A claimant therefore judges every value by where it stands
 * against its own claim: a value delivered <em>before</em> its own claim came back was
 * published before that claim and is replaced by it, so it is ignored (reacting to it is
 * what let two slow claimants stand each other down in turn for ever); a claim by another
 * delivered <em>after</em> it is later and wins, so the claimant or owner stands down and
 * does not compete again while that claim stands; a clear delivered after it (someone's
 * Last Will or release) is answered by publishing the claim again. A claim owns once it
 * came back and the grace period passed with nothing later. Each contest is so decided in
 * one round: every instance claims at most once.
 * <p>
 * Used on the lease's thread only; {@link #role()} and {@link #last()} may be read from
 * any thread.
 */
final class LeaseArbiter {

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

		NONE, CLAIM, PUBLISH_AGAIN, STAND_DOWN, OWN

	}

	/**
	 * @param action what to do
	 * @param reason why, for the log
	 */
	record Decision(Action action, String reason) {

		static final Decision NONE = new Decision(Action.NONE, "");

	}

	private final String self;

	private volatile Role role = Role.STANDBY;

	/** The lease as last delivered: null before anything arrived. */
	private volatile LeaseValue last;

	/** The tag of this instance's current claim: null as a standby. */
	private String tag;

	/** Whether the latest publication of the current claim came back. */
	private boolean echoed;

	LeaseArbiter(String self) {
		this.self = self;
	}

	Role role() {
		return this.role;
	}

	LeaseValue last() {
		return this.last;
	}

	/** The state session delivered a value of the lease. */
	Decision seen(LeaseValue value) {
		this.last = value;
		if (this.role == Role.STANDBY) {
			return standby(value);
		}
		if (!this.echoed) {
			// published before this instance's claim, which replaces it
			this.echoed = value.isClaim(this.self, this.tag);
			return Decision.NONE;
		}
		if (value.free()) {
			return new Decision(Action.PUBLISH_AGAIN, "the lease was cleared after this instance's claim");
		}
		if (!value.names(this.self)) {
			return new Decision(Action.STAND_DOWN, "the lease is held by " + value.holder() + ", claimed later");
		}
		// an earlier claim of this instance delivered again
		return Decision.NONE;
	}

	/** At start and periodically: a standby claims a free lease. */
	Decision evaluate() {
		return (this.role == Role.STANDBY) ? standby(this.last) : Decision.NONE;
	}

	private Decision standby(LeaseValue value) {
		if (value == null || value.free()) {
			return new Decision(Action.CLAIM, "the lease is free");
		}
		if (value.names(this.self)) {
			// from before a restart, or a claim given up before it came back: the
			// retained lease names this instance and nobody owns
			return new Decision(Action.CLAIM, "the lease still names this instance");
		}
		return Decision.NONE;
	}

	/** This instance published its claim (again) with this tag. */
	void published(String claimTag) {
		if (this.role == Role.STANDBY) {
			this.role = Role.CLAIMING;
		}
		this.tag = claimTag;
		this.echoed = false;
	}

	/**
	 * The grace period of a claim passed: own if the claim came back and nothing later
	 * arrived; {@link Action#NONE} while it has not come back (ask again later).
	 */
	Decision confirm() {
		if (this.role == Role.CLAIMING && this.echoed) {
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
	}

}
