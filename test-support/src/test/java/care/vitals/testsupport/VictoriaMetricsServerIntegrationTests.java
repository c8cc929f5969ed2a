package care.vitals.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that the VictoriaMetrics harness accepts the InfluxDB v2 write API, plain and
 * gzip, and exports what it stored.
 */
class VictoriaMetricsServerIntegrationTests {

	@RegisterExtension
	static final VictoriaMetricsServer victoria = VictoriaMetricsServer.create();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void acceptsPlainLineProtocolOnTheV2WriteApi() throws Exception {
		String device = unique();
		String body = """
				vitals,device=%1$s,patient=p-1,ward=icu,bed=3 heart_rate=72.0,spo2=97.5 1700000000000000000
				vitals,device=%1$s,patient=p-1,ward=icu,bed=3 heart_rate=75.5,spo2=96.0 1700000001000000000
				""".formatted(device);

		HttpResponse<String> response = post(body.getBytes(StandardCharsets.UTF_8), false);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(victoria.countSamples("vitals_heart_rate{device=\"" + device + "\"}")).isEqualTo(2);
		assertThat(victoria.countSamples("{__name__=~\"vitals_.*\",device=\"" + device + "\"}")).isEqualTo(4);
		assertThat(victoria.export("vitals_heart_rate{device=\"" + device + "\"}"))
			.contains("\"__name__\":\"vitals_heart_rate\"")
			.contains("\"ward\":\"icu\"", "\"bed\":\"3\"", "\"patient\":\"p-1\"")
			.contains("\"values\":[72,75.5]")
			.contains("\"timestamps\":[1700000000000,1700000001000]");
	}

	@Test
	void countsSamplesWithAPromQlQuery() {
		String device = unique();
		long now = System.currentTimeMillis() * 1_000_000L;
		victoria.write("vitals,device=" + device + " heart_rate=60.0 " + (now - 2_000_000_000L) + "\n"
				+ "vitals,device=" + device + " heart_rate=61.0 " + (now - 1_000_000_000L) + "\n");
		String count = "sum(count_over_time(vitals_heart_rate{device=\"" + device + "\"}[1h]))";
		assertThat(victoria.queryNumber(count)).isEqualTo(2.0);
		assertThat(victoria.queryNumber(count.replace(device, device + "-none"))).as("an empty result").isZero();
	}

	@Test
	void acceptsGzipLineProtocolOnTheV2WriteApi() throws Exception {
		String device = unique();
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 100; i++) {
			body.append("vitals,device=").append(device).append(" spo2=").append(90 + i % 10).append(".0 ");
			body.append(1700000000000000000L + i * 1_000_000_000L).append('\n');
		}

		HttpResponse<String> response = post(gzip(body.toString()), true);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(victoria.countSamples("vitals_spo2{device=\"" + device + "\"}")).isEqualTo(100);
		assertThat(victoria.export("vitals_spo2{device=\"" + device + "\"}")).contains("\"values\":[90,91,92,");
	}

	@Test
	void samplesSurviveARestart() {
		String device = unique();
		victoria.write("vitals,device=" + device + " heart_rate=60.0 1700000000000000000");
		victoria.forceFlush();
		int port = victoria.port();

		victoria.restart();

		assertThat(victoria.port()).isEqualTo(port);
		assertThat(victoria.countSamples("vitals_heart_rate{device=\"" + device + "\"}")).isEqualTo(1);
	}

	private HttpResponse<String> post(byte[] body, boolean gzip) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(victoria.url() + "/api/v2/write?org=o&bucket=b"))
			.header("Content-Type", "text/plain; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (gzip) {
			request.header("Content-Encoding", "gzip");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	private static String unique() {
		return "dev-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
