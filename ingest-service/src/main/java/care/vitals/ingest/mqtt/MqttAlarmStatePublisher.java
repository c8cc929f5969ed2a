package care.vitals.ingest.mqtt;

import care.vitals.ingest.clinical.AlarmStatePublisher;
import care.vitals.model.alarm.AlarmList;
import care.vitals.model.codec.AlarmListCodec;
import care.vitals.model.codec.DecodeLimits;
import care.vitals.model.topic.Topics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * Publishes a bed's current alarm list, retained, on {@code alarms/{ward}/{bed}}, so a
 * display that connects later gets the current state at once. An empty list clears it.
 */
@Component
class MqttAlarmStatePublisher implements AlarmStatePublisher {

	private static final Log logger = LogFactory.getLog(MqttAlarmStatePublisher.class);

	private final AlarmListCodec codec = new AlarmListCodec(DecodeLimits.defaults());

	private final MessageChannel out;

	MqttAlarmStatePublisher(@Qualifier("mqttOutAsync") MessageChannel out) {
		this.out = out;
	}

	@Override
	public void publish(AlarmList list) {
		try {
			this.out.send(MessageBuilder.withPayload(this.codec.encode(list))
				.setHeader(MqttHeaders.TOPIC, Topics.alarms(list.ward(), list.bed()))
				.setHeader(MqttHeaders.QOS, 1)
				.setHeader(MqttHeaders.RETAINED, true)
				.build());
		}
		catch (RuntimeException ex) {
			logger.warn("Alarm state of " + list.ward() + "/" + list.bed() + " not published: " + ex.getMessage());
		}
	}

}
