package org.eclipse.paho.mqttv5.client.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Our copy of Paho's {@code CommsCallback} matches a message's topic to its subscriptions
 * without Paho's per-call validation: it must give Paho's answer for every filter a
 * client could subscribe and every topic a broker could send.
 */
class CommsCallbackMatchTests {

	private static final String[] LEVELS = { "a", "b", "ab", "", "+", "#", "devices", "measurements" };

	@Test
	void answersAsPahoForEveryValidFilterAndTopicUpToFourLevels() {
		List<String> filters = new ArrayList<>();
		List<String> topics = new ArrayList<>();
		for (String candidate : combinations(4)) {
			if (valid(candidate, true)) {
				filters.add(candidate);
				filters.add("$share/ingest/" + candidate);
			}
			if (valid(candidate, false)) {
				topics.add(candidate);
			}
		}
		filters.addAll(List.of("devices/+/measurements", "$share/ingest/devices/+/measurements", "assignments/#",
				"patients/+/settings", "sport/#", "sport/tennis/#", "+/+", "/+", "#"));
		topics.addAll(List.of("devices/icu-1.bed-3.monitor/measurements", "assignments/pump-7", "patients/p-1/settings",
				"sport", "sport/", "sport/tennis", "/", "//", "$SYS/broker/load"));
		int matched = 0;
		for (String filter : filters) {
			for (String topic : topics) {
				boolean paho = MqttTopicValidator.isMatched(filter, topic);
				assertThat(CommsCallback.isMatched(filter, topic)).as("%s against %s", filter, topic).isEqualTo(paho);
				matched += paho ? 1 : 0;
			}
		}
		assertThat(filters).hasSizeGreaterThan(1_000);
		assertThat(topics).hasSizeGreaterThan(1_000);
		assertThat(matched).isGreaterThan(10_000);
	}

	@Test
	void aSharedSubscriptionsFilterMatchesNoTopicAsInPaho() {
		assertThat(CommsCallback.isMatched("$share/ingest/devices/+/measurements", "devices/d-1/measurements"))
			.isFalse();
	}

	@Test
	void refusesATopicNameWithAWildcardAsPahoDoes() {
		for (String topic : List.of("devices/+/measurements", "devices/#", "")) {
			assertThatIllegalArgumentException().isThrownBy(() -> MqttTopicValidator.isMatched("devices/#", topic));
			assertThatIllegalArgumentException().isThrownBy(() -> CommsCallback.isMatched("devices/#", topic));
		}
	}

	private static List<String> combinations(int maxLevels) {
		List<String> all = new ArrayList<>();
		List<String> previous = List.of("");
		for (int levels = 1; levels <= maxLevels; levels++) {
			List<String> next = new ArrayList<>();
			for (String prefix : previous) {
				for (String level : LEVELS) {
					next.add((levels == 1) ? level : prefix + "/" + level);
				}
			}
			all.addAll(next);
			previous = next;
		}
		return all;
	}

	private static boolean valid(String topic, boolean filter) {
		try {
			MqttTopicValidator.validate(topic, filter, true);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
