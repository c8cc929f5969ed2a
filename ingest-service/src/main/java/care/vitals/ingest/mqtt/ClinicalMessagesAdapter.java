package care.vitals.ingest.mqtt;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The clinical session of an instance among several ({@code <clientId>-clinical}, never
 * shared): every device message, for the clinical engine, so that every instance's engine
 * sees all of every patient's readings in order while the device session's shared
 * subscription splits the storing (docs/scaling.md). A type of its own so listeners can
 * tell its events apart.
 */
class ClinicalMessagesAdapter extends DeviceMessagesAdapter {

	ClinicalMessagesAdapter(MqttConnectionOptions options, String clientId, MqttSubscription... subscriptions) {
		super(options, clientId, subscriptions);
	}

}
