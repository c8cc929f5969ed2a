package care.vitals.ingest.inbound;

/**
 * What a session does with the device messages it receives (docs/scaling.md). One
 * instance alone stores and evaluates every message on one session. With several
 * instances, the device session (a shared subscription) stores its share and the clinical
 * session (every message, on every instance) evaluates: so each instance's clinical
 * engine sees all of every patient's readings in order.
 */
public enum Scope {

	/** Store and evaluate: one instance alone. */
	ALL(true, true),

	/** Store (data lines, rejections, dead letters), do not evaluate. */
	DATA(true, false),

	/** Evaluate only: the clinical output (on its owner) is all that is stored. */
	CLINICAL(false, true);

	private final boolean stores;

	private final boolean evaluates;

	Scope(boolean stores, boolean evaluates) {
		this.stores = stores;
		this.evaluates = evaluates;
	}

	/** Whether the data, its rejections and dead letters are stored. */
	public boolean stores() {
		return this.stores;
	}

	/** Whether the clinical engine evaluates it. */
	public boolean evaluates() {
		return this.evaluates;
	}

}
