package care.vitals.ingest.mqtt;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import care.vitals.ingest.clinical.ClinicalOwnership;
import care.vitals.ingest.mqtt.LeaseArbiter.Decision;
import care.vitals.ingest.mqtt.LeaseArbiter.Role;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The lease of the clinical output among ingest instances (docs/scaling.md): the retained
 * topic {@code ingest/clinical/owner} holds the client id of the owner, published by a
 * connection of its own ({@link LeaseConnection}) whose Last Will clears it, so a killed
 * or cut-off owner frees the lease within its keep-alive. Every publication carries a tag
 * of its own (user property {@value LeaseValue#TAG_PROPERTY}) so the instance knows it
 * when it comes back, and an owner publishes the lease again marked
 * {@value LeaseValue#OWNING_PROPERTY}; who owns is decided by {@link LeaseArbiter}. An
 * owner whose lease connection drops stands down at once.
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

	/** Numbers this instance's publications, so a check of an older one is dropped. */
	private long publications;

	private volatile long claims;

	/**
	 * @param properties the broker connection
	 * @param keepAlive keep-alive of the lease connection (the broker fires its Will
	 * after about 1.5 times this, or at once when the process dies)
	 * @param grace how long a claim waits for a later claim before owning (longer, until
	 * it came back); the unit of the arbiter's patience
	 * @param takeOver what the new owner does first (reconcile with the published bed
	 * lists, restate)
	 */
	ClinicalLease(MqttProperties properties, Duration keepAlive, Duration grace, Runnable takeOver) {
		this.properties = properties;
		this.keepAlive = keepAlive;
		this.grace = grace;
		this.takeOver = takeOver;
		this.arbiter = new LeaseArbiter(properties.clientId(), () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Whether this instance owns the clinical output now (an owner whose heartbeat has
	 * not come back for 3 heartbeats no longer does: {@link LeaseArbiter#owns}).
	 */
	@Override
	public boolean owns() {
		return this.arbiter.owns(now());
	}

	Role role() {
		return this.arbiter.role();
	}

	/** Who holds the lease, as last seen ({@code ""} if free, null if never seen). */
	String holder() {
		LeaseValue last = this.arbiter.last();
		return (last != null) ? last.holder() : null;
	}

	/** How many claims this instance made. */
	long claims() {
		return this.claims;
	}

	/**
	 * The lease topic delivered a message: its retained value or a live change.
	 * @param payload the holder's client id, empty if free
	 * @param tag the publication's tag (user property {@value LeaseValue#TAG_PROPERTY}),
	 * or null
	 * @param owning the user property {@value LeaseValue#OWNING_PROPERTY}, or null
	 */
	void seen(byte[] payload, String tag, String owning) {
		LeaseValue value = LeaseValue.of(payload, tag, owning);
		later(() -> act(this.arbiter.seen(value, now())));
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
				free();
			}
			evaluate();
		});
	}

	/**
	 * Stands down and frees the lease if it names this instance (clean shutdown: a
	 * standby takes over at once).
	 */
	void stop() {
		if (this.thread.isShutdown()) {
			return;
		}
		try {
			this.thread.submit(() -> {
				this.started = false;
				LeaseValue last = this.arbiter.last();
				if (this.arbiter.role() != Role.STANDBY || (last != null && last.names(this.properties.clientId()))) {
					this.arbiter.stoodDown();
					free();
				}
				close(false);
			}).get(this.properties.connectionTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.warn("Clinical lease not released cleanly; its Last Will frees it when the process ends", ex);
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

	/** The time in grace periods, for the arbiter. */
	private double now() {
		return System.nanoTime() / (double) this.grace.toNanos();
	}

	private void evaluate() {
		try {
			act(this.arbiter.evaluate(now()));
		}
		catch (RuntimeException ex) {
			// (an exception would end the periodic evaluation for good)
			logger.error("Evaluating the clinical lease failed", ex);
		}
	}

	private void act(Decision decision) {
		if (!this.started || !this.eligible) {
			return;
		}
		switch (decision.action()) {
			case CLAIM -> claim(decision.reason());
			case PUBLISH_AGAIN -> {
				if (!"heartbeat".equals(decision.reason())) {
					logger.warn("Clinical lease: " + decision.reason() + "; publishing it again");
				}
				publish(this.arbiter.role() == Role.OWNER);
			}
			case STAND_DOWN -> standDown(decision.reason(), false);
			case OWN -> own();
			case NONE, WAIT -> {
			}
		}
	}

	private void claim(String why) {
		try {
			this.holder = LeaseConnection.open(this.properties, this.keepAlive,
					(connection) -> later(() -> lost(connection)));
		}
		catch (MqttException | RuntimeException ex) {
			logger.warn("Could not connect to claim the clinical lease (" + ex.getMessage() + "); trying again");
			return;
		}
		this.claims++;
		if (publish(false)) {
			logger.info("Claimed the clinical lease (" + why + "); owning it in " + this.grace.toMillis()
					+ " ms once the claim came back, unless a later claim followed");
		}
	}

	/** Publishes the lease with a new tag and checks on it one grace period later. */
	private boolean publish(boolean owning) {
		String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
		long publication = ++this.publications;
		try {
			this.arbiter.published(tag, now());
			this.holder.publish(tag, owning);
		}
		catch (MqttException | RuntimeException ex) {
			// the lease may still name this instance (as owner): let the Will clear it
			standDown("could not publish the clinical lease (" + ex.getMessage() + ")", true);
			return false;
		}
		schedule(publication);
		return true;
	}

	private void schedule(long publication) {
		this.thread.schedule(() -> check(publication), this.grace.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void check(long publication) {
		if (publication != this.publications || this.arbiter.role() == Role.STANDBY) {
			return;
		}
		Decision decision = this.arbiter.check(now());
		if (decision.action() == LeaseArbiter.Action.WAIT) {
			logger.warn("The clinical lease publication has not come back yet (lease: " + holder() + "); waiting");
			schedule(publication);
			return;
		}
		act(decision);
	}

	private void own() {
		logger.info("Owning the clinical output (writing NEWS2 and alarms, publishing the bed lists)");
		if (!publish(true)) {
			return;
		}
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
		close(false);
	}

	/**
	 * Stands down; {@code freeLease} closes with the Will, for a lease that may still
	 * name this instance.
	 */
	private void standDown(String why, boolean freeLease) {
		logger.warn("Standing down " + ((this.arbiter.role() == Role.OWNER) ? "as clinical owner" : "from the claim")
				+ ": " + why);
		this.arbiter.stoodDown();
		close(freeLease);
	}

	/**
	 * Clears the lease; if that fails, closes the lease connection so that the broker
	 * publishes its Will, which clears it.
	 */
	private void free() {
		try {
			if (this.holder == null) {
				this.holder = LeaseConnection.open(this.properties, this.keepAlive, (connection) -> {
				});
			}
			this.holder.release();
			close(false);
		}
		catch (MqttException | RuntimeException ex) {
			logger.warn("Could not release the clinical lease (" + ex.getMessage() + "); closing so that its Will "
					+ "frees it");
			close(true);
		}
	}

	/** Closes the lease connection; the broker discards its Will unless told to free. */
	private void close(boolean freeLease) {
		LeaseConnection connection = this.holder;
		this.holder = null;
		if (connection != null) {
			connection.close(freeLease);
		}
	}

}
