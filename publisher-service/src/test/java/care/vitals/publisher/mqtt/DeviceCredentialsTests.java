package care.vitals.publisher.mqtt;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Verifies the per-device account file (the format of
 * deploy/secrets/devices/passwords.csv).
 */
class DeviceCredentialsTests {

	private final Credentials service = new Credentials("publisher", "service-secret");

	@Test
	void listedDevicesConnectAsThemselvesOthersWithTheServiceAccount() {
		DeviceCredentials credentials = new DeviceCredentials(DeviceCredentials.parse(
				List.of("# generated", "device_id,password", "sim-monitor-001,pw-1", "", " sim-monitor-002 , pw-2 ")),
				this.service);
		assertThat(credentials.size()).isEqualTo(2);
		assertThat(credentials.forDevice("sim-monitor-002")).isEqualTo(new Credentials("sim-monitor-002", "pw-2"));
		assertThat(credentials.forDevice("sim-monitor-009")).isEqualTo(this.service);
		assertThat(credentials.forDevice("sim-monitor-001").toString()).doesNotContain("pw-1");
	}

	@Test
	void malformedLinesAreRefusedWithoutEchoingSecrets() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeviceCredentials.parse(List.of("bad id,secret-x")))
			.withMessageContaining("line 1")
			.withMessageNotContaining("secret-x");
		assertThatIllegalArgumentException().isThrownBy(() -> DeviceCredentials.parse(List.of("dev-1,")));
	}

	@Test
	void noFileMeansEveryDeviceUsesTheServiceAccount() {
		assertThat(DeviceCredentials.load(null, this.service).forDevice("x")).isEqualTo(this.service);
	}

}
