package care.vitals.ingest.mqtt;

import org.eclipse.paho.mqttv5.client.MqttToken;
import org.eclipse.paho.mqttv5.client.internal.Token;
import org.junit.jupiter.api.Test;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paho makes a token for every packet it sends (a PUBACK for every message received): our
 * copy of its {@code Token} takes its client's logger, made once, instead of making one
 * each time. It is the class loaded, it was taken from the Paho on the class path, and a
 * token logs as Paho's did: through a logger named for its client.
 */
class PahoTokenLoggerTests {

	@Test
	void oursIsTheOneLoadedAndItIsACopyOfThePahoOnTheClassPath() throws Exception {
		PahoCopies.assertCopiedFromThePahoOnTheClassPath(Token.class);
	}

	@Test
	void tokensOfOneClientShareOneLoggerNamedForIt() {
		Object first = logger(new MqttToken("ward-7-ingest"));
		Object second = logger(new MqttToken("ward-7-ingest"));
		Object other = logger(new MqttToken("ward-8-ingest"));
		assertThat(second).isSameAs(first);
		assertThat(other).isNotSameAs(first);
		assertThat(ReflectionTestUtils.getField(first, "resourceName")).isEqualTo("ward-7-ingest");
		assertThat(ReflectionTestUtils.getField(other, "resourceName")).isEqualTo("ward-8-ingest");
	}

	@Test
	void aTokenWithoutALogContextStillGetsALogger() {
		Object logger = logger(new MqttToken((String) null));
		assertThat(logger).isNotNull();
		assertThat(ReflectionTestUtils.getField(logger, "resourceName")).isNull();
		assertThat(logger(new MqttToken((String) null))).isNotSameAs(logger);
	}

	private static Object logger(MqttToken token) {
		return ReflectionTestUtils.getField(token.internalTok, "log");
	}

}
