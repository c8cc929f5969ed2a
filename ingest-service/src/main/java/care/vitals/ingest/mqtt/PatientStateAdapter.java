package care.vitals.ingest.mqtt;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The inbound adapter of patient state: assignments, settings and staff observations on a
 * session of its own ({@code <clientId>-state}), connected and synchronised before the
 * device adapter so that every reading, including a persistent session's backlog, meets
 * the assignments, settings and observations in force (docs/ingest.md, "State first"). A
 * type of its own so listeners can tell its events from the device adapter's.
 */
class PatientStateAdapter extends DeviceMessagesAdapter {

	PatientStateAdapter(MqttConnectionOptions options, String clientId, MqttSubscription... subscriptions) {
		super(options, clientId, subscriptions);
	}

}
