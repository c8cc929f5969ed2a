package care.vitals.ingest.storage;

import java.time.Duration;

import care.vitals.testsupport.InfluxDb1Server;
import care.vitals.testsupport.VictoriaMetricsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ingest.influx.gzip} against real servers: the same lines arrive whether the
 * request is compressed or plain, for both write APIs, and a batch read back from the
 * spool (stored as gzip) is sent as stored when compression is off, never decompressed.
 */
class WriteCompressionIntegrationTests {

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	@RegisterExtension
	static final VictoriaMetricsServer victoria = VictoriaMetricsServer.create();

	@Test
	void v1WritesPlainGzippedAndSpooledBatches() {
		influx.createDatabase("compression");
		for (boolean gzip : new boolean[] { false, true }) {
			LineProtocolWriter writer = new V1LineProtocolWriter(
					properties(InfluxProperties.Api.V1, influx.url(), gzip));
			String device = "plain-" + gzip;
			assertThat(writer.write(Batch.of(lines(device, 0, 3), 3))).isInstanceOf(WriteOutcome.Written.class);
			Batch spooled = Batch.ofGzip(Batch.of(lines(device, 3, 2), 2).gzip());
			assertThat(writer.write(spooled)).isInstanceOf(WriteOutcome.Written.class);
			assertThat(spooled.compressed()).isTrue();
			assertThat(
					influx.count("compression", "SELECT count(heart_rate) FROM vitals WHERE device = '" + device + "'"))
				.as("points stored with gzip=%s", gzip)
				.isEqualTo(5);
		}
	}

	@Test
	void v2WritesPlainAndGzippedBatches() {
		for (boolean gzip : new boolean[] { false, true }) {
			LineProtocolWriter writer = new V2LineProtocolWriter(
					properties(InfluxProperties.Api.V2, victoria.url(), gzip));
			String device = "v2-" + gzip;
			assertThat(writer.write(Batch.of(lines(device, 0, 4), 4))).isInstanceOf(WriteOutcome.Written.class);
			assertThat(victoria.countSamples("vitals_heart_rate{device=\"" + device + "\"}"))
				.as("samples stored with gzip=%s", gzip)
				.isEqualTo(4);
		}
	}

	private static String lines(String device, int from, int count) {
		StringBuilder text = new StringBuilder();
		long base = 1_780_000_000_000_000_000L;
		for (int i = from; i < from + count; i++) {
			if (text.length() > 0) {
				text.append('\n');
			}
			text.append("vitals,device=")
				.append(device)
				.append(" heart_rate=")
				.append(60 + i)
				.append(' ')
				.append(base + i * 1_000_000_000L);
		}
		return text.toString();
	}

	private static InfluxProperties properties(InfluxProperties.Api api, String url, boolean gzip) {
		return new InfluxProperties(url, api, "", "vitals", "compression", "compression", "", "", "",
				Duration.ofSeconds(5), gzip);
	}

}
