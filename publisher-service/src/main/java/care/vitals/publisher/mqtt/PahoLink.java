package care.vitals.publisher.mqtt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * An {@link MqttLink} over a Paho MQTT 5 asynchronous client. Publishing hands the
 * message to Paho and returns; completions are counted from Paho's callback threads. A
 * failed first connection is retried with back-off; a lost connection reconnects through
 * Paho's automatic reconnect.
 */
public final class PahoLink implements MqttLink, MqttCallback {

	private static final Log logger = LogFactory.getLog(PahoLink.class);

	/** MQTT 5 reason code: disconnect and let the server publish the Will Message. */
	private static final int DISCONNECT_WITH_WILL = 0x04;

	private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

	private final ClientFactory factory;

	private final String url;

	private volatile MqttAsyncClient client;

	private final MqttConnectionOptions options;

	private final PublishCounters counters;

	private final ScheduledExecutorService retries;

	private final int window;

	private final long maxRetryDelayMillis;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final MqttActionListener completion = new Completion();

	private volatile boolean connected;

	private volatile boolean wanted;

	private volatile boolean closed;

	private int failedAttempts;

	private volatile long connections;

	PahoLink(ClientFactory factory, String url, MqttConnectionOptions options, PublishCounters counters,
			ScheduledExecutorService retries, int window, long maxRetryDelayMillis) {
		this.factory = factory;
		this.url = url;
		this.options = options;
		this.counters = counters;
		this.retries = retries;
		this.window = window;
		this.maxRetryDelayMillis = maxRetryDelayMillis;
	}

	/**
	 * Creates a link; it connects on {@link #connect()}.
	 * @param settings how to connect
	 * @param counters where to count publications
	 * @param retries the scheduler for connection retries
	 * @return the link
	 * @throws IllegalArgumentException if the URL or client id is invalid
	 */
	public static PahoLink create(LinkSettings settings, PublishCounters counters, ScheduledExecutorService retries) {
		return create(settings, counters, retries, null);
	}

	/**
	 * Creates a link whose Paho threads (receiver, sender, callback, keep-alive pings)
	 * run on a shared pool instead of threads of its own.
	 * @param settings how to connect
	 * @param counters where to count publications
	 * @param retries the scheduler for connection retries
	 * @param threads the pool, or {@code null} for Paho's own threads; it must have room
	 * for three long-running tasks per connected link
	 * @return the link
	 * @throws IllegalArgumentException if the URL or client id is invalid
	 */
	public static PahoLink create(LinkSettings settings, PublishCounters counters, ScheduledExecutorService retries,
			ScheduledExecutorService threads) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(true);
		options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
		options.setConnectionTimeout((int) Math.max(1, settings.connectionTimeout().toSeconds()));
		options.setAutomaticReconnect(true);
		int maxDelay = (int) Math.max(1, settings.maxReconnectDelay().toSeconds());
		options.setAutomaticReconnectDelay(1, maxDelay);
		options.setMaxReconnectDelay(maxDelay);
		if (settings.credentials().username() != null) {
			options.setUserName(settings.credentials().username());
			if (settings.credentials().password() != null) {
				options.setPassword(settings.credentials().password().getBytes(StandardCharsets.UTF_8));
			}
		}
		if (settings.will() != null) {
			options.setWill(settings.will().topic(), message(settings.will()));
		}
		ClientFactory factory = () -> new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence(),
				null, threads);
		// Fail fast on a bad URL; the client itself is made when connecting.
		URI uri = URI.create(settings.url());
		if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					"invalid MQTT URL " + settings.url() + ": expected tcp://, ssl://, ws:// or wss://host:port");
		}
		return new PahoLink(factory, settings.url(), options, counters, retries, settings.window(), maxDelay * 1000L);
	}

	/**
	 * Makes the Paho client on first connect: a new client reserves about 256 KiB for an
	 * in-flight table sized for the largest receive maximum until its first connection
	 * sizes it to the broker's, so thousands of clients made at once would need gigabytes
	 * of heap for a moment.
	 */
	private synchronized MqttAsyncClient client() throws MqttException {
		if (this.client == null) {
			MqttAsyncClient created = this.factory.create();
			created.setCallback(this);
			this.client = created;
		}
		return this.client;
	}

	@Override
	public void connect() {
		if (this.closed) {
			return;
		}
		this.wanted = true;
		try {
			client().connect(this.options, null, new MqttActionListener() {

				@Override
				public void onSuccess(IMqttToken token) {
					connectionUp();
				}

				@Override
				public void onFailure(IMqttToken token, Throwable exception) {
					retry(exception);
				}

			});
		}
		catch (MqttException ex) {
			if (ex.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_CONNECTED
					&& ex.getReasonCode() != MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
				retry(ex);
			}
		}
	}

	private synchronized void connectionUp() {
		this.failedAttempts = 0;
		if (!this.connected) {
			this.connections++;
		}
		this.connected = true;
	}

	private synchronized void retry(Throwable cause) {
		if (this.closed || !this.wanted) {
			return;
		}
		this.failedAttempts++;
		long delay = Math.min(this.maxRetryDelayMillis, 500L << Math.min(6, this.failedAttempts));
		if (this.failedAttempts == 1 || this.failedAttempts % 10 == 0) {
			logger.warn("MQTT connection of " + clientId() + " to " + this.url + " failed ("
					+ ((cause != null) ? cause.getMessage() : "unknown") + "), attempt " + this.failedAttempts
					+ ", retrying in " + delay + " ms");
		}
		this.retries.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
	}

	@Override
	public boolean isConnected() {
		MqttAsyncClient current = this.client;
		return this.connected && current != null && current.isConnected();
	}

	private String clientId() {
		MqttAsyncClient current = this.client;
		return (current != null) ? current.getClientId() : "(not created)";
	}

	@Override
	public long connections() {
		return this.connections;
	}

	@Override
	public boolean publish(OutboundMessage message) {
		if (!isConnected() || this.inFlight.get() >= this.window) {
			return false;
		}
		this.inFlight.incrementAndGet();
		this.counters.sent(message);
		try {
			this.client.publish(message.topic(), message(message), message, this.completion);
			return true;
		}
		catch (MqttException | RuntimeException ex) {
			this.inFlight.decrementAndGet();
			this.counters.unsent(message);
			return false;
		}
	}

	@Override
	public int inFlight() {
		return this.inFlight.get();
	}

	@Override
	public void dropConnection() {
		this.wanted = false;
		this.connected = false;
		MqttAsyncClient current = this.client;
		if (current == null) {
			return;
		}
		try {
			current.disconnect(1000, null, null, DISCONNECT_WITH_WILL, new MqttProperties());
		}
		catch (MqttException ex) {
			logger.debug("drop of " + clientId() + " failed: " + ex.getMessage());
		}
	}

	@Override
	public void close(OutboundMessage last) {
		this.closed = true;
		this.wanted = false;
		if (this.client == null) {
			return;
		}
		try {
			if (last != null && isConnected()) {
				this.client.publish(last.topic(), message(last)).waitForCompletion(2000);
			}
			if (this.client.isConnected()) {
				this.client.disconnect(2000).waitForCompletion(3000);
			}
		}
		catch (MqttException ex) {
			logger.debug("clean disconnect of " + clientId() + " failed: " + ex.getMessage());
		}
		finally {
			this.connected = false;
			release();
		}
	}

	private void release() {
		try {
			if (this.client.isConnected()) {
				this.client.disconnectForcibly(0, 1000, false);
			}
			this.client.close(true);
		}
		catch (MqttException ex) {
			logger.debug("close of " + clientId() + " failed: " + ex.getMessage());
		}
	}

	private static MqttMessage message(OutboundMessage outbound) {
		MqttMessage message = new MqttMessage(outbound.payload());
		message.setQos(outbound.qos());
		message.setRetained(outbound.retained());
		if (outbound.contentType() != null) {
			MqttProperties properties = new MqttProperties();
			properties.setContentType(outbound.contentType());
			message.setProperties(properties);
		}
		return message;
	}

	@Override
	public void disconnected(MqttDisconnectResponse response) {
		this.connected = false;
	}

	@Override
	public void mqttErrorOccurred(MqttException exception) {
		logger.debug("MQTT error on " + clientId() + ": " + exception.getMessage());
	}

	@Override
	public void messageArrived(String topic, MqttMessage message) {
	}

	@Override
	public void deliveryComplete(IMqttToken token) {
	}

	@Override
	public void connectComplete(boolean reconnect, String serverUri) {
		connectionUp();
	}

	@Override
	public void authPacketArrived(int reasonCode, MqttProperties properties) {
	}

	/**
	 * Makes the Paho client.
	 */
	@FunctionalInterface
	interface ClientFactory {

		MqttAsyncClient create() throws MqttException;

	}

	private final class Completion implements MqttActionListener {

		@Override
		public void onSuccess(IMqttToken token) {
			PahoLink.this.inFlight.decrementAndGet();
			PahoLink.this.counters.completed((OutboundMessage) token.getUserContext());
		}

		@Override
		public void onFailure(IMqttToken token, Throwable exception) {
			PahoLink.this.inFlight.decrementAndGet();
			PahoLink.this.counters.failed((OutboundMessage) token.getUserContext());
		}

	}

}
