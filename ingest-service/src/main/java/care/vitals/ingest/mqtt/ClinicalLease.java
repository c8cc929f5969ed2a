package care.vitals.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import care.vitals.ingest.clinical.ClinicalOwnership;
import care.vitals.model.topic.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The lease of the clinical output among ingest instances (docs/scaling.md): the retained
 * topic {@value Topics#CLINICAL_OWNER} holds the client id of the owner, published by a
 * connection of its own ({@code <clientId>-owner}) whose Last Will clears it, so a killed
 * or cut-off owner frees the lease within its keep-alive. An instance that sees the lease
 * free claims it, and owns the output once its own claim came back and no later claim
 * followed within the grace period (two claims at once: the broker's last one wins
 * everywhere). An owner whose lease connection drops, or that sees another claim, stands
 * down at once; an owner that sees the lease cleared (by the Will of a standby's old
 * lease connection) claims it again.
 * <p>
 * Every change of role runs on one thread of its own, so the MQTT callback threads never
 * wait for the broker.
 */
final class ClinicalLease implements ClinicalOwnership {

	enum Role {

		/** Evaluates everything, writes and publishes nothing. */
		STANDBY,

		/** Claimed the lease, waiting for the grace period. */
		CLAIMING,

		/** Owns the clinical output. */
		OWNER

	}

	private static final Log logger = LogFactory.getLog(ClinicalLease.class);

	private final care.vitals.ingest.mqtt.MqttProperties properties;

	private final Duration keepAlive;

	private final Duration grace;

	private final Runnable takeOver;

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread t = new Thread(task, "clinical-lease");
		t.setDaemon(true);
		return t;
	});

	private volatile Role role = Role.STANDBY;

	/** The lease as last seen on the state session: null before anything arrived. */
	private volatile String seen;

	private boolean started;

	/** Whether this instance can evaluate: its clinical session is subscribed. */
	private boolean eligible = true;

	private MqttAsyncClient holder;

	private long claims;

	/**
	 * @param properties the broker connection
	 * @param keepAlive keep-alive of the lease connection (the broker fires its Will
	 * after about 1.5 times this, or at once when the process dies)
	 * @param grace how long a claim waits for a later claim before owning
	 * @param takeOver what the new owner does first (reconcile with the published bed
	 * lists, restate)
	 */
	ClinicalLease(care.vitals.ingest.mqtt.MqttProperties properties, Duration keepAlive, Duration grace,
			Runnable takeOver) {
		this.properties = properties;
		this.keepAlive = keepAlive;
		this.grace = grace;
		this.takeOver = takeOver;
	}

	@Override
	public boolean owns() {
		return this.role == Role.OWNER;
	}

	Role role() {
		return this.role;
	}

	/** Who holds the lease, as last seen ({@code ""} if free, null if never seen). */
	String holder() {
		return this.seen;
	}

	/** The lease topic delivered a message: its retained value or a live change. */
	void seen(byte[] payload) {
		String owner = new String(payload, StandardCharsets.UTF_8).trim();
		later(() -> {
			this.seen = owner;
			evaluate();
		});
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
			if (!canEvaluate && this.role != Role.STANDBY) {
				logger.error("Clinical session lost while owning the clinical output: freeing the lease");
				this.role = Role.STANDBY;
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
				if (this.role != Role.STANDBY) {
					this.role = Role.STANDBY;
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
		if (!this.started || !this.eligible) {
			return;
		}
		String owner = this.seen;
		boolean free = owner == null || owner.isEmpty();
		if (free && this.role == Role.OWNER) {
			logger.warn("Clinical lease found cleared while owning it; claiming it again");
			publishClaim();
		}
		else if (this.role == Role.STANDBY && (free || owner.equals(this.properties.clientId()))) {
			// free, or still naming this instance from before a restart its Will did not
			// yet clear: claim it (a connection with the same id replaces the old one)
			claim();
		}
		else if (!free && !owner.equals(this.properties.clientId()) && this.role != Role.STANDBY) {
			standDown("the lease is held by " + owner);
		}
	}

	private void claim() {
		MqttAsyncClient client = null;
		try {
			client = new MqttAsyncClient(this.properties.url(), this.properties.clientId() + "-owner",
					new MemoryPersistence());
			MqttAsyncClient self = client;
			client.setCallback(new Lost(() -> later(() -> lost(self))));
			client.connect(options()).waitForCompletion(timeout());
			this.holder = client;
			this.role = Role.CLAIMING;
			long claim = ++this.claims;
			publishClaim();
			logger
				.info("Claimed the clinical lease; owning it in " + this.grace.toMillis() + " ms unless claimed later");
			this.thread.schedule(() -> confirm(claim), this.grace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (MqttException | RuntimeException ex) {
			logger.warn("Could not claim the clinical lease (" + ex.getMessage() + "); trying again");
			this.role = Role.STANDBY;
			if (this.holder == null && client != null) {
				closeQuietly(client);
			}
			close();
		}
	}

	private void confirm(long claim) {
		if (this.role != Role.CLAIMING || claim != this.claims) {
			return;
		}
		if (!this.properties.clientId().equals(this.seen)) {
			standDown("the claim did not come back (lease: " + this.seen + ")");
			return;
		}
		this.role = Role.OWNER;
		logger.info("Owning the clinical output (writing NEWS2 and alarms, publishing the bed lists)");
		try {
			this.takeOver.run();
		}
		catch (RuntimeException ex) {
			logger.error("Taking over the clinical output failed; the bed lists are restated periodically", ex);
		}
	}

	private void lost(MqttAsyncClient client) {
		if (client != this.holder) {
			return;
		}
		if (this.role != Role.STANDBY) {
			logger.error("Lost the broker connection holding the clinical lease: standing down at once");
		}
		this.role = Role.STANDBY;
		close();
	}

	private void standDown(String why) {
		logger.warn("Standing down as clinical owner: " + why);
		this.role = Role.STANDBY;
		close();
	}

	private void publishClaim() {
		try {
			MqttMessage claim = new MqttMessage(this.properties.clientId().getBytes(StandardCharsets.UTF_8), 1, true,
					null);
			this.holder.publish(Topics.CLINICAL_OWNER, claim).waitForCompletion(timeout());
		}
		catch (MqttException | RuntimeException ex) {
			standDown("could not publish the claim (" + ex.getMessage() + ")");
		}
	}

	private void release() {
		if (this.holder == null) {
			return;
		}
		try {
			this.holder.publish(Topics.CLINICAL_OWNER, new MqttMessage(new byte[0], 1, true, null))
				.waitForCompletion(timeout());
		}
		catch (MqttException | RuntimeException ex) {
			logger.warn("Could not release the clinical lease (" + ex.getMessage() + "); its Last Will frees it");
		}
	}

	private MqttConnectionOptions options() {
		MqttConnectionOptions options = MqttConfiguration.connectionOptions(this.properties);
		options.setCleanStart(true);
		options.setSessionExpiryInterval(0L);
		options.setAutomaticReconnect(false);
		options.setKeepAliveInterval((int) this.keepAlive.toSeconds());
		options.setWill(Topics.CLINICAL_OWNER, new MqttMessage(new byte[0], 1, true, null));
		return options;
	}

	private long timeout() {
		return this.properties.connectionTimeout().toMillis();
	}

	/** Closes the lease connection normally: the broker discards its Will. */
	private void close() {
		MqttAsyncClient client = this.holder;
		this.holder = null;
		if (client != null) {
			closeQuietly(client);
		}
	}

	private static void closeQuietly(MqttAsyncClient client) {
		try {
			if (client.isConnected()) {
				client.disconnect(1000).waitForCompletion(2000);
			}
		}
		catch (MqttException ex) {
			// closing anyway
		}
		try {
			client.close(true);
		}
		catch (MqttException ex) {
			// nothing left to do
		}
	}

	/** Tells when the lease connection drops. */
	private record Lost(Runnable onLost) implements MqttCallback {

		@Override
		public void disconnected(MqttDisconnectResponse response) {
			this.onLost.run();
		}

		@Override
		public void mqttErrorOccurred(MqttException exception) {
		}

		@Override
		public void messageArrived(String topic, MqttMessage message) {
		}

		@Override
		public void deliveryComplete(IMqttToken token) {
		}

		@Override
		public void connectComplete(boolean reconnect, String serverURI) {
		}

		@Override
		public void authPacketArrived(int reasonCode, MqttProperties properties) {
		}

	}

}
