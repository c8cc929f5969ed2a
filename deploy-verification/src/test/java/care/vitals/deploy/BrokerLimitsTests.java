package care.vitals.deploy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that the two broker configurations grant devices the same three topics and
 * share the ingest's payload limit, and that the EMQX limits a Mosquitto install cannot
 * express are set (docs/security.md, "Broker limits"). The behaviour itself is tested
 * against the real brokers: {@link MosquittoConfigIntegrationTests} here,
 * {@link NucStackComposeIntegrationTests} (EMQX) on a Docker host.
 */
class BrokerLimitsTests {

	@Test
	void devicesGetTheirThreeTopicsOnBothBrokersAndMeasurementsAreNeverRetainedOnEmqx() throws Exception {
		String emqx = Files.readString(Deploy.root().resolve("deploy/emqx/acl.conf"));
		List<String> deviceRules = Deploy.contentLines(Deploy.root().resolve("deploy/emqx/acl.conf"), "%%")
			.stream()
			.filter((line) -> line.startsWith("{allow, all,"))
			.toList();
		assertThat(deviceRules).containsExactly(
				"{allow, all, {publish, [{retain, false}]}, [\"devices/${username}/measurements\", \"devices/${username}/events\"]}.",
				"{allow, all, publish, [\"devices/${username}/status\"]}.",
				"{allow, all, subscribe, [\"assignments/${username}\"]}.");
		assertThat(emqx.strip()).endsWith("{deny, all}.");
		// The device listener's ACL has these rules and nothing else.
		List<String> mosquitto = Deploy.contentLines(Deploy.root().resolve("deploy/mosquitto/acl-devices"), "#");
		assertThat(mosquitto).containsExactly("pattern write devices/%u/measurements",
				"pattern write devices/%u/status", "pattern write devices/%u/events", "pattern read assignments/%u");
		assertThat(Deploy.contentLines(Deploy.root().resolve("deploy/mosquitto/acl-services"), "#"))
			.noneMatch((line) -> line.startsWith("pattern "));
	}

	@Test
	void onlyTheIngestAccountReachesTheInternalTopics() throws Exception {
		List<String> emqx = Deploy.contentLines(Deploy.root().resolve("deploy/emqx/acl.conf"), "%%");
		List<String> internal = emqx.stream().filter((line) -> line.contains("\"ingest/")).toList();
		assertThat(internal).hasSize(2).allMatch((line) -> line.startsWith("{allow, {username, {re, \"^ingest$\"}}"));
		assertThat(internal.get(0)).contains("subscribe", "\"ingest/#\"");
		assertThat(internal.get(1)).contains("publish", "\"ingest/#\"");
		List<String> mosquitto = Deploy.contentLines(Deploy.root().resolve("deploy/mosquitto/acl-services"), "#");
		String user = null;
		List<String> ingestTopics = new ArrayList<>();
		for (String line : mosquitto) {
			if (line.startsWith("user ")) {
				user = line.substring(5);
			}
			else if (line.contains("ingest/")) {
				assertThat(user).as(line).isEqualTo("ingest");
				ingestTopics.add(line);
			}
		}
		assertThat(ingestTopics).containsExactly("topic readwrite ingest/#");
	}

	@Test
	void devicePacketsStopAtTheIngestsPayloadLimitOnBothBrokers() throws Exception {
		Map<String, Object> application = new Yaml()
			.load(Files.readString(Deploy.root().resolve("ingest-service/src/main/resources/application.yml")));
		int payload = (Integer) map(map(application.get("ingest")).get("decode")).get("max-payload-bytes");
		// 2 KiB for the fixed header, the topic (at most devices/<64 chars>/measurements)
		// and MQTT 5 properties.
		int packet = payload + 2048;
		String emqx = Files.readString(Deploy.root().resolve("deploy/emqx/emqx.conf"));
		String zone = emqx.substring(emqx.indexOf("zones.devices {"), emqx.indexOf("zones.services {"));
		Matcher devices = Pattern.compile("\n\\s*max_packet_size = (\\d+)KB\n").matcher(zone);
		assertThat(devices.find()).as("zones.devices.mqtt.max_packet_size").isTrue();
		assertThat(Integer.parseInt(devices.group(1)) * 1024).isEqualTo(packet);
		assertThat(Files.readString(Deploy.root().resolve("deploy/mosquitto/vitals.conf")))
			.contains("\nmax_packet_size " + packet + "\n");
	}

	@Test
	void emqxLimitsRatesConnectionsFlappingAndTheRetainer() throws Exception {
		String emqx = Files.readString(Deploy.root().resolve("deploy/emqx/emqx.conf"));
		Matcher ssl = Pattern.compile("listeners\\.ssl\\.default \\{(.*?)\\n\\}", Pattern.DOTALL).matcher(emqx);
		assertThat(ssl.find()).isTrue();
		assertThat(ssl.group(1)).contains("zone = devices", "max_conn_rate = \"20/s\"", "messages_rate = \"50/s\"",
				"bytes_rate = \"512KB/s\"");
		Matcher tcp = Pattern.compile("listeners\\.tcp\\.default \\{(.*?)\\n\\}", Pattern.DOTALL).matcher(emqx);
		assertThat(tcp.find()).isTrue();
		assertThat(tcp.group(1)).as("the services' listener is not rate limited").doesNotContain("_rate");
		assertThat(emqx).containsPattern("flapping_detect \\{\\s*enable = true\\s*max_count = 15\\s*window_time = 1m"
				+ "\\s*ban_time = 5m\\s*\\}");
		assertThat(emqx).containsPattern("retainer \\{[^#]*max_payload_size = 64KB[^#]*max_retained_messages = 100000");
	}

	/**
	 * Every remaining per-device limit of docs/security.md, "Broker limits", on each
	 * broker that can express it: connections per listener (both), the device zone's
	 * subscriptions, in-flight window and queue (EMQX), retain kept available for status,
	 * assignments and settings (both; Mosquitto has no per-topic retain rule, so it must
	 * not be switched off globally either).
	 */
	@Test
	void everyOtherDeviceLimitIsSetWhereTheBrokerCanExpressIt() throws Exception {
		String emqx = Files.readString(Deploy.root().resolve("deploy/emqx/emqx.conf"));
		Matcher ssl = Pattern.compile("listeners\\.ssl\\.default \\{(.*?)\\n\\}", Pattern.DOTALL).matcher(emqx);
		assertThat(ssl.find()).isTrue();
		assertThat(ssl.group(1)).contains("max_connections = 5000");
		String zone = emqx.substring(emqx.indexOf("zones.devices {"), emqx.indexOf("zones.services {"));
		assertThat(zone).contains("max_subscriptions = 4", "max_inflight = 32", "max_mqueue_len = 100",
				"max_awaiting_rel = 100");
		assertThat(emqx).contains("retain_available = true").containsPattern("retainer \\{\\s*enable = true");
		String mosquitto = Files.readString(Deploy.root().resolve("deploy/mosquitto/vitals.conf"));
		String devices = mosquitto.substring(mosquitto.indexOf("\nlistener 8883\n"),
				mosquitto.indexOf("\nlistener 1883 127.0.0.1\n"));
		assertThat(devices).contains("\nmax_connections 5000\n");
		assertThat(mosquitto).doesNotContain("retain_available false");
	}

	/**
	 * The identity of a device is its certificate on both brokers, and each listener has
	 * its own accounts: devices on the TLS listener, service accounts on the internal one
	 * (docs/security.md, "Device identity").
	 */
	@Test
	void theCertificateNamesTheDeviceAndEachListenerHasItsOwnAccounts() throws Exception {
		String emqx = Files.readString(Deploy.root().resolve("deploy/emqx/emqx.conf"));
		String zone = emqx.substring(emqx.indexOf("zones.devices {"), emqx.indexOf("zones.services {"));
		assertThat(zone).contains("\n    peer_cert_as_username = cn\n", "\n    clientid_override = \"username\"\n");
		Matcher ssl = Pattern.compile("listeners\\.ssl\\.default \\{(.*?)\\n\\}", Pattern.DOTALL).matcher(emqx);
		assertThat(ssl.find()).isTrue();
		assertThat(ssl.group(1)).contains("verify = verify_peer", "fail_if_no_peer_cert = true")
			.doesNotContain("authentication");
		Matcher tcp = Pattern.compile("listeners\\.tcp\\.default \\{(.*?)\\n\\}", Pattern.DOTALL).matcher(emqx);
		assertThat(tcp.find()).isTrue();
		assertThat(tcp.group(1)).contains("zone = services", "authentication = [",
				"bootstrap_file = \"/opt/emqx/etc/secrets/services-bootstrap.csv\"");
		String global = emqx.substring(emqx.indexOf("\nauthentication = ["));
		assertThat(global).contains("bootstrap_file = \"/opt/emqx/etc/secrets/auth-bootstrap.csv\"");
		assertThat(Files.readString(Deploy.root().resolve("deploy/emqx/acl.conf"))).doesNotContain("${clientid}");

		String mosquitto = Files.readString(Deploy.root().resolve("deploy/mosquitto/vitals.conf"));
		assertThat(mosquitto).contains("\nper_listener_settings true\n");
		String devices = mosquitto.substring(mosquitto.indexOf("\nlistener 8883\n"),
				mosquitto.indexOf("\nlistener 1883 127.0.0.1\n"));
		assertThat(devices)
			.contains("\nrequire_certificate true\n", "\nuse_identity_as_username true\n",
					"\nuse_username_as_clientid true\n", "\ncrlfile /etc/mosquitto/vitals/ca.crl\n",
					"\nallow_anonymous false\n", "\nacl_file /etc/mosquitto/vitals/acl-devices\n")
			.doesNotContain("password_file");
		String services = mosquitto.substring(mosquitto.indexOf("\nlistener 1883 127.0.0.1\n"));
		assertThat(services).contains("\nallow_anonymous false\n", "\npassword_file /etc/mosquitto/vitals/passwd\n",
				"\nacl_file /etc/mosquitto/vitals/acl-services\n");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
