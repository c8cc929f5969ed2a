package care.vitals.testsupport.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.utility.ComparableVersion;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that the compose images are pinned and that the container factories can be
 * built without a Docker engine.
 */
class ComposeImagesTests {

	@Test
	void everyImageIsPinnedToAVersion() {
		List<DockerImageName> images = List.of(ComposeImages.EMQX, ComposeImages.INFLUXDB, ComposeImages.GRAFANA,
				ComposeImages.TELEGRAF);
		assertThat(images).allSatisfy((image) -> assertThat(image.getVersionPart()).matches("\\d+\\.\\d+\\.\\d+.*"));
	}

	@Test
	void imagesMatchTheComposeFile() throws IOException {
		Path compose = Path.of("..", "docker-compose.yml");
		Assumptions.assumeTrue(Files.exists(compose), () -> compose.toAbsolutePath() + " not found");
		String content = Files.readString(compose);
		assertThat(List.of(ComposeImages.EMQX, ComposeImages.INFLUXDB, ComposeImages.GRAFANA, ComposeImages.TELEGRAF))
			.allSatisfy((image) -> assertThat(content).contains("image: " + image.asCanonicalNameString()));
	}

	@Test
	void influxDbImageIsTreatedAsVersion2ByTestcontainers() {
		assertThat(new ComparableVersion(ComposeImages.INFLUXDB.getVersionPart()).isGreaterThanOrEqualTo("2.0.0"))
			.isTrue();
		assertThat(ComposeImages.INFLUXDB.getVersionPart()).startsWith("2.7.");
	}

	@Test
	void factoriesBuildContainersWithRandomCredentials() {
		InfluxDBContainer<?> first = ComposeContainers.influxDb2();
		InfluxDBContainer<?> second = ComposeContainers.influxDb2();
		assertThat(first.getAdminToken()).isPresent().isNotEqualTo(second.getAdminToken());
		assertThat(first.getOrganization()).isNotEqualTo(second.getOrganization());
		assertThat(first.getBucket()).isNotEqualTo(second.getBucket());
		assertThat(first.getPassword()).hasSizeGreaterThanOrEqualTo(8);

		GenericContainer<?> emqx = ComposeContainers.emqx();
		assertThat(emqx.getExposedPorts()).containsExactly(ComposeContainers.EMQX_MQTT_PORT,
				ComposeContainers.EMQX_DASHBOARD_PORT);
		GenericContainer<?> grafana = ComposeContainers.grafana("secret-password");
		assertThat(grafana.getExposedPorts()).containsExactly(ComposeContainers.GRAFANA_PORT);
		assertThat(grafana.getEnvMap()).containsEntry("GF_SECURITY_ADMIN_PASSWORD", "secret-password");
	}

}
