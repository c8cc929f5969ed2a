package care.vitals.testsupport;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Verifies that the InfluxDB 1.x harness stores line protocol, answers InfluxQL and keeps
 * its data across a graceful restart and a SIGKILL.
 */
class InfluxDb1ServerIntegrationTests {

	@RegisterExtension
	static final InfluxDb1Server influx = InfluxDb1Server.create();

	private static final String POINTS = """
			vitals,device=dev-1,patient=p-1,ward=icu,bed=3 heart_rate=72.0,spo2=97.5,resp_rate=14.0,temperature=36.8 1700000000000000000
			vitals,device=dev-1,patient=p-1,ward=icu,bed=3 heart_rate=75.5,spo2=96.0,resp_rate=15.0,temperature=36.9 1700000001000000000
			vitals,device=dev-2,patient=p-2,ward=icu,bed=4 heart_rate=110.0,spo2=91.0,resp_rate=24.0,temperature=38.4 1700000000000000000
			""";

	@Test
	void writesVitalsAndReadsThemBackWithInfluxQl() {
		String db = newDatabaseWithPoints();

		assertThat(influx.count(db, "SELECT count(heart_rate) FROM vitals")).isEqualTo(3);
		assertThat(influx.count(db, "SELECT count(spo2) FROM vitals WHERE device = 'dev-2' AND bed = '4'"))
			.isEqualTo(1);
		assertThat(influx.query(db, "SELECT heart_rate, spo2 FROM vitals WHERE patient = 'p-1'"))
			.contains("\"columns\":[\"time\",\"heart_rate\",\"spo2\"]")
			.contains("[\"2023-11-14T22:13:20Z\",72,97.5]")
			.contains("[\"2023-11-14T22:13:21Z\",75.5,96]");
		assertThat(influx.query(db, "SHOW TAG KEYS FROM vitals")).contains("bed", "device", "patient", "ward");
		assertThat(influx.url()).isEqualTo("http://127.0.0.1:" + influx.port());
		assertThat(influx.rpcPort()).isNotEqualTo(influx.port()).isNotEqualTo(8088);
	}

	@Test
	void countIsZeroWhenNothingMatches() {
		String db = newDatabaseWithPoints();

		assertThat(influx.count(db, "SELECT count(heart_rate) FROM vitals WHERE device = 'nobody'")).isZero();
	}

	@Test
	void statisticCountsThePointsWrittenSinceTheStart() {
		long before = influx.statistic("write", "pointReq");

		newDatabaseWithPoints();

		assertThat(influx.statistic("write", "pointReq")).isEqualTo(before + 3);
		assertThatIllegalStateException().isThrownBy(() -> influx.statistic("write", "noSuchCounter"))
			.withMessageContaining("noSuchCounter")
			.withMessageContaining("pointReq");
		assertThatIllegalStateException().isThrownBy(() -> influx.statistic("noSuchModule", "pointReq"))
			.withMessageContaining("noSuchModule");
	}

	@Test
	void dataSurvivesARestartOnTheSamePort() {
		String db = newDatabaseWithPoints();
		int port = influx.port();

		influx.restart();

		assertThat(influx.port()).isEqualTo(port);
		assertThat(influx.count(db, "SELECT count(heart_rate) FROM vitals")).isEqualTo(3);
	}

	@Test
	void acknowledgedWritesSurviveAKill() {
		String db = newDatabaseWithPoints();

		influx.kill();
		assertThat(influx.isRunning()).isFalse();
		influx.start();

		assertThat(influx.count(db, "SELECT count(heart_rate) FROM vitals")).isEqualTo(3);
	}

	@Test
	void writesAreRefusedWhileStopped() {
		String db = newDatabaseWithPoints();

		influx.stop();

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> influx.write(db, "vitals,device=dev-1 heart_rate=80.0"))
			.withCauseInstanceOf(ConnectException.class);
		influx.start();
		influx.write(db, "vitals,device=dev-1 heart_rate=80.0");
		assertThat(influx.count(db, "SELECT count(heart_rate) FROM vitals")).isEqualTo(4);
	}

	@Test
	void rejectedWritesThrowWithTheResponseBody() {
		String db = newDatabaseWithPoints();

		assertThatIllegalStateException().isThrownBy(() -> influx.write(db, "vitals heart_rate="))
			.withMessageContaining("HTTP 400")
			.withMessageContaining("unable to parse");
		assertThatIllegalStateException()
			.isThrownBy(() -> influx.count(db, "SELECT count(heart_rate) FROM vitals GROUP BY device"))
			.withMessageContaining("more than one value");
	}

	private static String newDatabaseWithPoints() {
		String db = "vitals_" + UUID.randomUUID().toString().replace("-", "");
		influx.createDatabase(db);
		influx.write(db, POINTS);
		return db;
	}

}
