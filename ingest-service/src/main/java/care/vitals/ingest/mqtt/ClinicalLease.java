package care.vitals.ingest.mqtt;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import care.vitals.ingest.clinical.ClinicalOwnership;
import care.vitals.ingest.mqtt.LeaseArbiter.Action;
import care.vitals.ingest.mqtt.LeaseArbiter.Decision;
import care.vitals.ingest.mqtt.LeaseArbiter.Role;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The lease of the clinical output among ingest instances (docs/scaling.md): the retained
 * topic {@code ingest/clinical/owner} holds the client id of the owner, published by a
 * connection of its own ({@link LeaseConnection}) whose Last Will clears it, so a killed
 * or cut-off owner frees the lease within its keep-alive. Each claim carries a tag of its
 * own (user property {@value LeaseValue#TAG_PROPERTY}) so the instance knows its claim
 * when it comes back; who owns is decided by {@link LeaseArbiter} from the order in which
 * the broker delivers the values. An owner whose lease connection drops stands down at
 * once.
 * <p>
 * Every change of role runs on one thread of its own, so the MQTT callback threads never
 * wait for the broker.
 */
final class ClinicalLease implements ClinicalOwnership {

	private static final Log logger = LogFactory.getLog(ClinicalLease.class);

	private final MqttProperties properties;

	private final Duration keepAlive;

	private final Duration grace;

	private final Runnable takeOver;

	private final LeaseArbiter arbiter;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread t = new Thread(task, "clinical-lease");
		t.setDaemon(true);
		return t;
	});

	private boolean started;

	/** Whether this instance can evaluate: its clinical session is subscribed. */
	private boolean eligible = true;

	private LeaseConnection holder;

	/** The tag of the current claim. */
	private String tag;

	private volatile long claims;

	/**
	 * @param properties the broker connection
	 * @param keepAlive keep-alive of the lease connection (the broker fires its Will
	 * after about 1.5 times this, or at once when the process dies)
	 * @param grace how long a claim waits for a later claim before owning (longer, until
	 * it came back)
	 * @param takeOver what the new owner does first (reconcile with the published bed
	 * lists, restate)
	 */
	ClinicalLease(MqttProperties properties, Duration keepAlive, Duration grace, Runnable takeOver) {
		this.properties = properties;
		this.keepAlive = keepAlive;
		this.grace = grace;
		this.takeOver = takeOver;
		this.arbiter = new LeaseArbiter(properties.clientId());
	}

	@Override
	public boolean owns() {
		return this.arbiter.role() == Role.OWNER;
	}

	Role role() {
		return this.arbiter.role();
	}

	/** Who holds the lease, as last seen ({@code ""} if free, null if never seen). */
	String holder() {
		LeaseValue last = this.arbiter.last();
		return (last != null) ? last.holder() : null;
	}

	/** How many claims this instance made (each contest costs every instance one). */
	long claims() {
		return this.claims;
	}

	/**
	 * The lease topic delivered a message: its retained value or a live change.
	 * @param payload the holder's client id, empty if free
	 * @param tag the claim's tag (user property {@value LeaseValue#TAG_PROPERTY}), or
	 * null
	 */
	void seen(byte[] payload, String tag) {
		LeaseValue value = LeaseValue.of(payload, tag);
		later(() -> act(this.arbiter.seen(value)));
	}

	/**
	 * Starts competing for the lease; call once this instance's state is synchronised and
	 * its sessions run.
	 */
	void start() {
		this.thread.execute(() -> {
			this.started = true;
			evaluate();
		});
		long period = this.grace.toMillis();
		this.thread.scheduleWithFixedDelay(this::evaluate, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * The clinical session was lost ({@code false}) or subscribed again ({@code true}).
	 * An instance that cannot see the readings must not own the clinical output: it
	 * stands down and frees the lease at once, so a standby that sees them takes over; it
	 * competes again once its session is back.
	 * @param canEvaluate whether the clinical session is subscribed
	 */
	void eligible(boolean canEvaluate) {
		later(() -> {
			this.eligible = canEvaluate;
			if (!canEvaluate && this.arbiter.role() != Role.STANDBY) {
				logger.error("Clinical session lost while owning the clinical output: freeing the lease");
				this.arbiter.stoodDown();
				release();
				close();
			}
			evaluate();
		});
	}

	/** Stands down and frees the lease (clean shutdown: a standby takes over at once). */
	void stop() {
		if (this.thread.isShutdown()) {
			return;
		}
		try {
			this.thread.submit(() -> {
				this.started = false;
				if (this.arbiter.role() != Role.STANDBY) {
					this.arbiter.stoodDown();
					release();
				}
				close();
			}).get(this.properties.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.warn("Clinical lease not released cleanly; its Last Will frees it", ex);
		}
		this.thread.shutdownNow();
	}

	/** Runs on the lease's thread, unless stopped. */
	private void later(Runnable task) {
		try {
			this.thread.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// stopped: the lease is no longer this instance's concern
		}
	}

	private void evaluate() {
		act(this.arbiter.evaluate());
	}

	private void act(Decision decision) {
		if (!this.started || !this.eligible) {
			return;
		}
		switch (decision.action()) {
			case CLAIM -> claim();
			case PUBLISH_AGAIN -> {
				logger.warn("Clinical lease: " + decision.reason() + "; claiming it again");
				publishClaim();
			}
			case STAND_DOWN -> standDown(decision.reason());
			case OWN -> own();
			case NONE -> {
			}
		}
	}

	private void claim() {
		try {
			this.holder = LeaseConnection.open(this.properties, this.keepAlive,
					(connection) -> later(() -> lost(connection)));
			this.tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
			long claim = ++this.claims;
			if (publishClaim()) {
				logger.info("Claimed the clinical lease; owning it in " + this.grace.toMillis()
						+ " ms once the claim came back, unless a later claim followed");
				this.thread.schedule(() -> confirm(claim), this.grace.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (MqttException | RuntimeException ex) {
			logger.warn("Could not claim the clinical lease (" + ex.getMessage() + "); trying again");
			this.arbiter.stoodDown();
			close();
		}
	}

	private void confirm(long claim) {
		if (this.arbiter.role() != Role.CLAIMING || claim != this.claims) {
			return;
		}
		Decision decision = this.arbiter.confirm();
		if (decision.action() == Action.OWN) {
			act(decision);
			return;
		}
		logger.warn("The clinical lease claim has not come back yet (lease: " + holder() + "); waiting");
		this.thread.schedule(() -> confirm(claim), this.grace.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void own() {
		logger.info("Owning the clinical output (writing NEWS2 and alarms, publishing the bed lists)");
		try {
			this.takeOver.run();
		}
		catch (RuntimeException ex) {
			logger.error("Taking over the clinical output failed; the bed lists are restated periodically", ex);
		}
	}

	private void lost(LeaseConnection connection) {
		if (connection != this.holder) {
			return;
		}
		if (this.arbiter.role() != Role.STANDBY) {
			logger.error("Lost the broker connection holding the clinical lease: standing down at once");
		}
		this.arbiter.stoodDown();
		close();
	}

	private void standDown(String why) {
		logger.warn("Standing down " + ((this.arbiter.role() == Role.OWNER) ? "as clinical owner" : "from the claim")
				+ ": " + why);
		this.arbiter.stoodDown();
		close();
	}

	/** Publishes this instance's claim; on failure stands down. */
	private boolean publishClaim() {
		try {
			this.arbiter.published(this.tag);
			this.holder.claim(this.tag);
			return true;
		}
		catch (MqttException | RuntimeException ex) {
			standDown("could not publish the claim (" + ex.getMessage() + ")");
			return false;
		}
	}

	private void release() {
		if (this.holder == null) {
			return;
		}
		try {
			this.holder.release();
		}
		catch (MqttException | RuntimeException ex) {
			logger.warn("Could not release the clinical lease (" + ex.getMessage() + "); its Last Will frees it");
		}
	}

	/** Closes the lease connection normally: the broker discards its Will. */
	private void close() {
		LeaseConnection connection = this.holder;
		this.holder = null;
		if (connection != null) {
			connection.close();
		}
	}

}
