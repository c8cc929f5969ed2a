package care.vitals.ingest.it;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A device played by a plain Paho MQTT 5 client, as a third-party device would: QoS 1,
 * persistent session, and it retries a publish until the broker acknowledges it.
 */
final class TestDevice implements AutoCloseable {

	private final MqttClient client;

	private final String deviceId;

	TestDevice(String brokerUrl, String deviceId) throws MqttException {
		this.deviceId = deviceId;
		this.client = new MqttClient(brokerUrl, "dev-" + deviceId, new MemoryPersistence());
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setCleanStart(false);
		options.setSessionExpiryInterval(3600L);
		options.setAutomaticReconnect(true);
		options.setAutomaticReconnectDelay(1, 2);
		this.client.connect(options);
	}

	String deviceId() {
		return this.deviceId;
	}

	/** Compact JSON reading with six vitals, timestamped {@code base + seq ms}. */
	static String compact(long seq, Instant base) {
		return "{\"ts\":\"" + base.plusMillis(seq) + "\",\"seq\":" + seq + ",\"values\":{\"heart_rate\":"
				+ (60 + seq % 40) + ",\"spo2\":" + (90 + seq % 10) + ",\"resp_rate\":16,\"temperature\":36.8,"
				+ "\"systolic_bp\":121,\"diastolic_bp\":79},\"o2\":false,\"consciousness\":\"A\"}";
	}

	/**
	 * The same reading as a SenML pack with base name, base time and relative records.
	 */
	static String senml(long seq, Instant base, String deviceId) {
		double bt = base.plusMillis(seq).toEpochMilli() / 1000.0;
		return "[{\"bn\":\"urn:dev:" + deviceId + ":\",\"bt\":" + bt + ",\"n\":\"heart_rate\",\"u\":\"beat/min\",\"v\":"
				+ (60 + seq % 40) + "},{\"n\":\"spo2\",\"u\":\"%\",\"v\":" + (90 + seq % 10)
				+ "},{\"n\":\"resp_rate\",\"u\":\"/min\",\"v\":16},{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":36.8},"
				+ "{\"n\":\"systolic_bp\",\"u\":\"mmHg\",\"v\":121},{\"n\":\"diastolic_bp\",\"u\":\"mmHg\",\"v\":79}]";
	}

	void publishMeasurement(String payload, String contentType) {
		publish("devices/" + this.deviceId + "/measurements", payload.getBytes(StandardCharsets.UTF_8), contentType);
	}

	/** Publishes with QoS 1, retrying until the broker acknowledges (at-least-once). */
	void publish(String topic, byte[] payload, String contentType) {
		publish(topic, new MqttMessage(payload, 1, false, new MqttProperties()), contentType);
	}

	/**
	 * Publishes retained with QoS 1 (an ADT feed writing an assignment; an empty payload
	 * clears it).
	 */
	void publishRetained(String topic, byte[] payload) {
		publish(topic, new MqttMessage(payload, 1, true, new MqttProperties()), null);
	}

	private void publish(String topic, MqttMessage message, String contentType) {
		if (contentType != null) {
			message.getProperties().setContentType(contentType);
		}
		long deadline = System.nanoTime() + 120_000_000_000L;
		while (true) {
			try {
				this.client.publish(topic, message);
				return;
			}
			catch (MqttException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Broker did not take the message for 120 s", ex);
				}
				sleep(50);
			}
		}
	}

	@Override
	public void close() throws MqttException {
		if (this.client.isConnected()) {
			this.client.disconnect();
		}
		this.client.close();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
