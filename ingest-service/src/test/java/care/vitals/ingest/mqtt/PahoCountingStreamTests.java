package care.vitals.ingest.mqtt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our {@link CountingInputStream} (bulk reads) is the one Paho uses, and Paho still
 * decodes a received publish through it byte for byte.
 */
class PahoCountingStreamTests {

	@Test
	void oursIsTheOneLoadedNotPahos() throws Exception {
		PahoCopies.assertOursIsLoaded(CountingInputStream.class);
		assertThat(CountingInputStream.class.getDeclaredMethod("read", byte[].class, int.class, int.class)
			.getDeclaringClass()).isEqualTo(CountingInputStream.class);
	}

	@Test
	void countsBulkAndSingleReads() throws Exception {
		CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[10]));
		assertThat(in.read()).isZero();
		assertThat(in.read(new byte[20], 0, 20)).isEqualTo(9);
		assertThat(in.read()).isEqualTo(-1);
		assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
		assertThat(in.getCounter()).isEqualTo(10);
		in.resetCounter();
		assertThat(in.getCounter()).isZero();
	}

	@Test
	void pahoDecodesAPublishThroughIt() throws Exception {
		byte[] payload = ("{\"ts\":\"2026-12-05T22:00:00Z\",\"values\":{\"heart_rate\":72}}" + "x".repeat(5000))
			.getBytes(StandardCharsets.UTF_8);
		MqttMessage message = new MqttMessage(payload, 1, false, new MqttProperties());
		MqttPublish sent = new MqttPublish("devices/mon-7/measurements", message, new MqttProperties());
		sent.setMessageId(4711);
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		wire.write(sent.getHeader());
		wire.write(sent.getPayload());
		MqttPublish received = (MqttPublish) MqttWireMessage.createWireMessage(wire.toByteArray());
		assertThat(received.getTopicName()).isEqualTo("devices/mon-7/measurements");
		assertThat(received.getMessageId()).isEqualTo(4711);
		assertThat(received.getMessage().getQos()).isEqualTo(1);
		assertThat(received.getMessage().getPayload()).isEqualTo(payload);
	}

}
